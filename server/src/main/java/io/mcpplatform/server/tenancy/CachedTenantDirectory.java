package io.mcpplatform.server.tenancy;

import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantRepository;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A {@link TenantDirectory} that holds every tenant in memory and follows the database by polling the registry's
 * change counter: one cheap query per interval, and a full reload only when the counter moved. Every instance that
 * shares the database converges within one interval, without restart.
 */
public final class CachedTenantDirectory implements TenantDirectory, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CachedTenantDirectory.class.getName());

    private final TenantRepository repository;
    private final List<TenantChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final Object refreshLock = new Object();
    private volatile Snapshot snapshot = new Snapshot(Long.MIN_VALUE, Map.of());
    private volatile boolean lastRefreshFailed;
    private ScheduledExecutorService scheduler;

    /**
     * Creates the directory and loads every tenant once, so that it is complete before the server accepts requests.
     *
     * @throws RuntimeException when the first load fails (start-up must not go on without tenants)
     */
    public CachedTenantDirectory(TenantRepository repository) {
        this.repository = repository;
        refresh();
    }

    /** Starts polling in the background at the given interval. */
    public synchronized void startPolling(Duration interval) {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("tenant-refresh").factory());
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<Tenant> findActive(String slug) {
        Tenant tenant = snapshot.bySlug().get(slug);
        return tenant != null && tenant.isActive() ? Optional.of(tenant) : Optional.empty();
    }

    @Override
    public List<Tenant> active() {
        return snapshot.bySlug().values().stream().filter(Tenant::isActive).toList();
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
     * Checks the change counter and reloads when it moved; tells listeners about each tenant that changed, was
     * disabled or was removed. Safe to call from any thread.
     */
    public void refresh() {
        synchronized (refreshLock) {
            long version = repository.registryVersion();
            Snapshot old = snapshot;
            if (version == old.version()) {
                return;
            }
            Map<String, Tenant> fresh = new TreeMap<>();
            for (Tenant tenant : repository.findAll()) {
                fresh.put(tenant.slug(), tenant);
            }
            snapshot = new Snapshot(version, Map.copyOf(fresh));
            notifyChanges(old.bySlug(), fresh);
        }
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

    private void notifyChanges(Map<String, Tenant> before, Map<String, Tenant> after) {
        Set<String> slugs = new HashSet<>(before.keySet());
        slugs.addAll(after.keySet());
        Map<String, Optional<Tenant>> changes = new HashMap<>();
        for (String slug : slugs) {
            Tenant was = before.get(slug);
            Tenant now = after.get(slug);
            if (was != null && now != null && was.equals(now)) {
                continue;
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
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    private record Snapshot(long version, Map<String, Tenant> bySlug) {
    }
}
