package io.mcpplatform.server;

import io.mcpplatform.server.db.EmbeddedDatabaseProvider;
import io.mcpplatform.server.entra.EntraConnection;
import io.mcpplatform.tenants.TenantRepository;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * What differs between a production start, the local devstack and tests, beyond configuration.
 *
 * @param embeddedDatabase  the local database used when none is configured; empty in production images
 * @param seeders           run against the tenant store before the first tenant load (devstack: the demo tenants)
 * @param benchmarkEndpoint whether to expose the plain JSON ceiling endpoint
 * @param entra             how Entra is reached (production: the real clouds; devstack: the local stand-in)
 */
public record PlatformOptions(Optional<EmbeddedDatabaseProvider> embeddedDatabase,
                              List<Consumer<TenantRepository>> seeders,
                              boolean benchmarkEndpoint,
                              EntraConnection entra) {

    public PlatformOptions {
        seeders = List.copyOf(seeders);
        java.util.Objects.requireNonNull(entra, "entra");
    }

    /** Options that reach the real Entra clouds. */
    public PlatformOptions(Optional<EmbeddedDatabaseProvider> embeddedDatabase,
                           List<Consumer<TenantRepository>> seeders,
                           boolean benchmarkEndpoint) {
        this(embeddedDatabase, seeders, benchmarkEndpoint, EntraConnection.production());
    }

    /** Production defaults: the embedded database only if a provider is on the class path; no seeders. */
    public static PlatformOptions defaults() {
        return new PlatformOptions(ServiceLoader.load(EmbeddedDatabaseProvider.class).findFirst(), List.of(), false);
    }
}
