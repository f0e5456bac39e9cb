package io.mcpplatform.server.audit;

import io.mcpplatform.tenants.store.Database;


import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link AuditLog} on {@code audit_log}: events go into a bounded in-memory queue and one background thread writes
 * them in batches (one transaction per batch), so a tool call never waits for the database. When the queue is full
 * (the database is down or far behind) events are dropped and counted ({@link #dropped()}), with a warning; the
 * request path never fails because of auditing. {@link #close()} flushes what is queued.
 */
public final class PostgresAuditLog implements AuditLog, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PostgresAuditLog.class.getName());
    private static final int BATCH = 200;

    private final Database database;
    private final Clock clock;
    private final BlockingQueue<Row> queue;
    private final AtomicLong dropped = new AtomicLong();
    /** Events accepted into the queue so far. */
    private final AtomicLong accepted = new AtomicLong();
    /** Events written or dropped after being taken from the queue (guarded by {@link #finishedLock}). */
    private long finished;
    private final Object finishedLock = new Object();
    private final Thread writer;
    private volatile boolean closed;

    /**
     * @param capacity the most events held in memory while the database is slow
     */
    public PostgresAuditLog(Database database, Clock clock, int capacity) {
        this.database = database;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = Thread.ofPlatform().daemon().name("audit-writer").start(this::run);
    }

    @Override
    public void record(AuditEvent event) {
        java.time.Instant at = clock.instant();
        Row row = new Row(AuditIds.next(at.toEpochMilli()), at, event);
        if (!closed && queue.offer(row)) {
            accepted.incrementAndGet();
        } else {
            if (dropped.incrementAndGet() % 1000 == 1) {
                LOG.warning("audit queue full or closed: dropped " + dropped.get() + " audit events so far");
            }
        }
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Writes everything queued now and waits (at most 10 s) until every event recorded before this call is written,
     * including a batch the background writer had already taken (tests, the audit query, shutdown).
     */
    public void flush() {
        long target = accepted.get();
        List<Row> batch = new ArrayList<>();
        while (queue.drainTo(batch, BATCH) > 0) {
            write(batch);
            batch.clear();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (finishedLock) {
            while (finished < target && System.nanoTime() < deadline) {
                try {
                    finishedLock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    private void run() {
        List<Row> batch = new ArrayList<>();
        while (!closed) {
            try {
                Row first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Row> rows) {
        try {
            database.inTransaction(s -> AuditBatchSql.write(s, rows));
        } catch (RuntimeException e) {
            dropped.addAndGet(rows.size());
            LOG.log(Level.WARNING, "could not write " + rows.size() + " audit events: " + e.getClass().getSimpleName());
        } finally {
            synchronized (finishedLock) {
                finished += rows.size();
                finishedLock.notifyAll();
            }
        }
    }

    /** One accepted event with its id and time, as the writer thread inserts it. */
    record Row(UUID id, java.time.Instant at, AuditEvent event) {
    }
}
