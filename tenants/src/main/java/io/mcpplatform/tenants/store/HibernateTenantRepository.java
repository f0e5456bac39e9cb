package io.mcpplatform.tenants.store;

import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantChanges;
import io.mcpplatform.tenants.TenantRepository;
import io.mcpplatform.tenants.TenantSlug;
import io.mcpplatform.tenants.StoredTenant;
import io.mcpplatform.tenants.VersionConflictException;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@link TenantRepository} on Hibernate Reactive. Every method is one reactive chain awaited once, so it may be called
 * from Helidon's virtual threads.
 * <p>
 * {@link #upsert(Tenant)} locks the row by slug ({@code select ... for update}): an existing tenant keeps its id and
 * creation time, gets {@code updated_at} from the clock and its {@code version} bumped; a new tenant is stored with the
 * id and times it carries. Times are kept to the microsecond (PostgreSQL's precision), so returned values equal stored
 * ones.
 */
public final class HibernateTenantRepository implements TenantRepository {

    private static final Comparator<Tenant> BY_SLUG = Comparator.comparing(Tenant::slug);

    private final Database database;
    private final Clock clock;

    /** A repository using the system clock. */
    public HibernateTenantRepository(Database database) {
        this(database, Clock.systemUTC());
    }

    /**
     * @param database the application's database (connected as the application role)
     * @param clock    source of {@code updated_at}
     */
    public HibernateTenantRepository(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Tenant> findBySlug(String slug) {
        if (!TenantSlug.isValid(slug)) {
            return Optional.empty(); // cannot be stored, no need to ask
        }
        TenantEntity entity = database.inSession(s -> s
                .createSelectionQuery("from TenantEntity where slug = :slug", TenantEntity.class)
                .setParameter("slug", slug)
                .getSingleResultOrNull());
        return Optional.ofNullable(entity).map(TenantEntity::toTenant);
    }

    @Override
    public List<Tenant> findAll() {
        List<TenantEntity> entities = database.inSession(s -> s
                .createSelectionQuery("from TenantEntity", TenantEntity.class)
                .getResultList());
        // sorted here, not by the database collation, which may ignore hyphens
        return entities.stream().map(TenantEntity::toTenant).sorted(BY_SLUG).toList();
    }

    @Override
    public long registryVersion() {
        Long version = database.inSession(s -> s
                .createNativeQuery("select version from tenant_registry", Long.class)
                .getSingleResult());
        return version;
    }

    @Override
    public Optional<TenantChanges> changesSince(long since) {
        return database.inSession(s -> s
                .createNativeQuery("select version from tenant_registry", Long.class)
                .getSingleResult()
                .chain(now -> now == since
                        ? Uni.createFrom().item(Optional.of(TenantChanges.none(now)))
                        : s.createNativeQuery("select version, slug from tenant_changes"
                                        + " where version > :since and version <= :now", Object[].class)
                                .setParameter("since", since)
                                .setParameter("now", now)
                                .getResultList()
                                .chain(rows -> changedTenants(s, since, now, rows))));
    }

    /** The log rows between the two versions as changes, or empty when the log misses some of those versions. */
    private static Uni<Optional<TenantChanges>> changedTenants(Mutiny.Session s, long since, long now, List<Object[]> rows) {
        Set<Long> versions = new HashSet<>();
        Set<String> slugs = new HashSet<>();
        for (Object[] row : rows) {
            versions.add(((Number) row[0]).longValue());
            slugs.add((String) row[1]);
        }
        if (now < since || versions.size() != now - since) {
            return Uni.createFrom().item(Optional.empty()); // pruned, older than the log, or the registry went back
        }
        return s.createSelectionQuery("from TenantEntity where slug in :slugs", TenantEntity.class)
                .setParameter("slugs", slugs)
                .getResultList()
                .map(entities -> {
                    List<Tenant> changed = entities.stream().map(TenantEntity::toTenant).sorted(BY_SLUG).toList();
                    Set<String> removed = new HashSet<>(slugs);
                    changed.forEach(t -> removed.remove(t.slug()));
                    return Optional.of(new TenantChanges(now, changed, removed));
                });
    }

    @Override
    public Tenant upsert(Tenant tenant) {
        return save(tenant, OptionalLong.empty()).tenant();
    }

    @Override
    public Optional<StoredTenant> findStored(String slug) {
        if (!TenantSlug.isValid(slug)) {
            return Optional.empty();
        }
        TenantEntity entity = database.inSession(s -> s
                .createSelectionQuery("from TenantEntity where slug = :slug", TenantEntity.class)
                .setParameter("slug", slug)
                .getSingleResultOrNull());
        return Optional.ofNullable(entity).map(e -> new StoredTenant(e.toTenant(), e.version));
    }

    @Override
    public StoredTenant save(Tenant tenant, OptionalLong expectedVersion) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Instant now = micros(clock.instant());
        TenantEntity stored = database.inTransaction(s -> s
                .createSelectionQuery("from TenantEntity where slug = :slug", TenantEntity.class)
                .setParameter("slug", tenant.slug())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getSingleResultOrNull()
                .chain(existing -> {
                    long current = existing == null ? -1 : existing.version;
                    if (expectedVersion.isPresent() && expectedVersion.getAsLong() != current) {
                        return Uni.createFrom().failure(new VersionConflictException(current));
                    }
                    if (existing == null) {
                        TenantEntity created = TenantEntity.create(tenant, micros(tenant.createdAt()),
                                micros(tenant.updatedAt()));
                        return s.persist(created).replaceWith(created);
                    }
                    Instant updated = now.isAfter(existing.updatedAt) ? now : existing.updatedAt.plus(1, ChronoUnit.MICROS);
                    existing.apply(tenant, updated);
                    return Uni.createFrom().item(existing);
                })
                .call(s::flush));
        return new StoredTenant(stored.toTenant(), stored.version);
    }

    @Override
    public boolean delete(String slug) {
        if (!TenantSlug.isValid(slug)) {
            return false;
        }
        Integer deleted = database.inTransaction(s -> s
                .createMutationQuery("delete from TenantEntity where slug = :slug")
                .setParameter("slug", slug)
                .executeUpdate());
        return deleted > 0;
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
