package io.mcpplatform.server.tenancy;

import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantChanges;
import io.mcpplatform.tenants.TenantRepository;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A {@link TenantDirectory} that holds every tenant in memory and follows the database: each refresh asks the
 * registry for the tenants changed since the version it last saw (one cheap query when nothing changed; only the changed
 * rows otherwise) and falls back to reloading everything when the registry's change log no longer reaches back that
 * far. Refreshes run every polling interval and, sooner, when told that the registry changed
 * ({@link #refreshSoon()}, wired to the database's NOTIFY). Every instance that shares the database converges within
 * one interval, without restart, even when a notification is lost.
 */
public final class CachedTenantDirectory implements TenantDirectory, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CachedTenantDirectory.class.getName());

    private final TenantRepository repository;
    private final List<TenantChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final Object refreshLock = new Object();
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private volatile Snapshot snapshot;
    private volatile boolean lastRefreshFailed;
    private volatile ScheduledExecutorService scheduler;
    private AutoCloseable signals;

    /**
     * Creates the directory and loads every tenant once, so that it is complete before the server accepts requests.
     *
     * @throws RuntimeException when the first load fails (start-up must not go on without tenants)
     */
    public CachedTenantDirectory(TenantRepository repository) {
        this.repository = repository;
        this.snapshot = fullLoad();
    }

    /** Starts polling in the background at the given interval. */
    public synchronized void startPolling(Duration interval) {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("tenant-refresh").factory());
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Refreshes soon whenever the given source signals a registry change (e.g. the database's NOTIFY); polling goes on
     * as the fallback. The subscription is closed with this directory.
     *
     * @param subscribe subscribes a callback (which returns at once) and returns the subscription
     */
    public synchronized void followSignals(Function<Runnable, AutoCloseable> subscribe) {
        if (signals == null) {
            signals = subscribe.apply(this::refreshSoon);
        }
    }

    /**
     * Asks for a refresh on the background thread as soon as possible (a registry change was signalled); returns at
     * once. Signals that arrive while one is queued are folded into it. Does nothing before {@link #startPolling}.
     */
    public void refreshSoon() {
        ScheduledExecutorService background = scheduler;
        if (background == null || !refreshQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            background.execute(() -> {
                refreshQueued.set(false);
                refreshQuietly();
            });
        } catch (RejectedExecutionException e) {
            refreshQueued.set(false); // closed meanwhile
        }
    }

    @Override
    public Optional<Tenant> findActive(String slug) {
        Tenant tenant = snapshot.bySlug().get(slug);
        return tenant != null && tenant.isActive() ? Optional.of(tenant) : Optional.empty();
    }

    @Override
    public List<Tenant> active() {
        return snapshot.bySlug().values().stream().filter(Tenant::isActive)
                .sorted(Comparator.comparing(Tenant::slug)).toList();
    }

    @Override
    public void onChange(TenantChangeListener listener) {
        listeners.add(listener);
    }

    /** Whether the last background refresh reached the database (for the readiness check). */
    public boolean isHealthy() {
        return !lastRefreshFailed;
    }

    /**
     * Applies the registry's changes since the last refresh (or reloads everything when its change log does not reach
     * back that far); tells listeners about each tenant that changed, was disabled or was removed. Safe to call from
     * any thread.
     */
    public void refresh() {
        synchronized (refreshLock) {
            Snapshot old = snapshot;
            Optional<TenantChanges> changes = repository.changesSince(old.version());
            if (changes.isPresent() && changes.get().version() == old.version()) {
                return;
            }
            Snapshot fresh = changes.map(old::apply).orElseGet(this::fullLoad);
            snapshot = fresh;
            Set<String> slugs = changes.map(TenantChanges::slugs).orElseGet(() -> union(old, fresh));
            notifyChanges(old.bySlug(), fresh.bySlug(), slugs);
        }
    }

    private Snapshot fullLoad() {
        long version = repository.registryVersion(); // read first: a change in between is applied again next time
        Map<String, Tenant> all = new HashMap<>();
        for (Tenant tenant : repository.findAll()) {
            all.put(tenant.slug(), tenant);
        }
        return new Snapshot(version, Map.copyOf(all));
    }

    private static Set<String> union(Snapshot a, Snapshot b) {
        Set<String> slugs = new HashSet<>(a.bySlug().keySet());
        slugs.addAll(b.bySlug().keySet());
        return slugs;
    }

    private void refreshQuietly() {
        try {
            refresh();
            if (lastRefreshFailed) {
                LOG.log(Level.INFO, "Tenant registry reachable again");
            }
            lastRefreshFailed = false;
        } catch (RuntimeException e) {
            if (!lastRefreshFailed) {
                LOG.log(Level.WARNING, "Tenant registry refresh failed; serving the last known tenants: " + e.getMessage());
            }
            lastRefreshFailed = true;
        }
    }

    private void notifyChanges(Map<String, Tenant> before, Map<String, Tenant> after, Set<String> slugs) {
        Map<String, Optional<Tenant>> changes = new HashMap<>();
        for (String slug : slugs) {
            Tenant was = before.get(slug);
            Tenant now = after.get(slug);
            if (Objects.equals(was, now)) {
                continue; // unchanged, or created and deleted between two refreshes
            }
            changes.put(slug, Optional.ofNullable(now).filter(Tenant::isActive));
        }
        List<String> ordered = new ArrayList<>(changes.keySet());
        ordered.sort(null);
        for (String slug : ordered) {
            for (TenantChangeListener listener : listeners) {
                try {
                    listener.changed(slug, changes.get(slug));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Tenant change listener failed for tenant " + slug, e);
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (signals != null) {
            try {
                signals.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Closing the tenant registry signals failed: " + e.getMessage());
            }
            signals = null;
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    private record Snapshot(long version, Map<String, Tenant> bySlug) {
        /** This snapshot with the changes applied (a copy: readers never see a half-applied change). */
        Snapshot apply(TenantChanges changes) {
            Map<String, Tenant> next = new HashMap<>(bySlug);
            changes.removed().forEach(next::remove);
            changes.changed().forEach(tenant -> next.put(tenant.slug(), tenant));
            return new Snapshot(changes.version(), Map.copyOf(next));
        }
    }
}
