package io.mcpplatform.server;

import io.mcpplatform.server.db.EmbeddedDatabaseProvider;
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
 */
public record PlatformOptions(Optional<EmbeddedDatabaseProvider> embeddedDatabase,
                              List<Consumer<TenantRepository>> seeders,
                              boolean benchmarkEndpoint) {

    public PlatformOptions {
        seeders = List.copyOf(seeders);
    }

    /** Production defaults: the embedded database only if a provider is on the class path; no seeders. */
    public static PlatformOptions defaults() {
        return new PlatformOptions(ServiceLoader.load(EmbeddedDatabaseProvider.class).findFirst(), List.of(), false);
    }
}
