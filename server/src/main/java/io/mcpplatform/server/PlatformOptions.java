package io.mcpplatform.server;

import io.mcpplatform.server.db.EmbeddedDatabaseProvider;
import io.mcpplatform.server.entra.EntraConnection;
import io.mcpplatform.server.graph.GraphConnection;
import io.mcpplatform.server.oauth.cimd.FetchedClientMetadataDocuments;
import io.mcpplatform.server.oauth.cimd.SafeDocumentFetcher;
import io.mcpplatform.server.oauth.clients.ClientMetadataDocuments;
import io.mcpplatform.tenants.TenantRepository;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What differs between a production start, the local devstack and tests, beyond configuration. Start from
 * {@link #defaults()} and change what differs with the {@code with…} methods.
 *
 * @param embeddedDatabase  the local database used when none is configured; empty in production images
 * @param seeders           run against the tenant store before the first tenant load (devstack: the demo tenants)
 * @param benchmarkEndpoint whether to expose the plain JSON ceiling endpoint
 * @param entra             how Entra is reached (production: the real clouds; devstack: the local stand-in)
 * @param metadataDocuments how client-ID metadata documents are fetched (production: the SSRF-safe fetcher; tests
 *                          may serve one from loopback over a test certificate)
 * @param graphBaseUrl      Microsoft Graph's v1.0 root for the {@code graph} tool pack (production:
 *                          {@code https://graph.microsoft.com/v1.0}; devstack: the stand-in Graph)
 */
public record PlatformOptions(Optional<EmbeddedDatabaseProvider> embeddedDatabase,
                              List<Consumer<TenantRepository>> seeders,
                              boolean benchmarkEndpoint,
                              EntraConnection entra,
                              Supplier<ClientMetadataDocuments> metadataDocuments,
                              URI graphBaseUrl) {

    public PlatformOptions {
        Objects.requireNonNull(embeddedDatabase, "embeddedDatabase");
        seeders = List.copyOf(seeders);
        Objects.requireNonNull(entra, "entra");
        Objects.requireNonNull(metadataDocuments, "metadataDocuments");
        Objects.requireNonNull(graphBaseUrl, "graphBaseUrl");
    }

    /**
     * Production defaults: the embedded database only if a provider is on the class path, no seeders, the real Entra
     * clouds, metadata documents through the SSRF-safe fetcher.
     */
    public static PlatformOptions defaults() {
        return new PlatformOptions(ServiceLoader.load(EmbeddedDatabaseProvider.class).findFirst(), List.of(), false,
                EntraConnection.production(),
                () -> new FetchedClientMetadataDocuments(new SafeDocumentFetcher(Clock.systemUTC())),
                URI.create(GraphConnection.DEFAULT_BASE_URL));
    }

    public PlatformOptions withEmbeddedDatabase(EmbeddedDatabaseProvider provider) {
        return new PlatformOptions(Optional.of(provider), seeders, benchmarkEndpoint, entra, metadataDocuments,
                graphBaseUrl);
    }

    public PlatformOptions withSeeder(Consumer<TenantRepository> seeder) {
        List<Consumer<TenantRepository>> all = new java.util.ArrayList<>(seeders);
        all.add(seeder);
        return new PlatformOptions(embeddedDatabase, all, benchmarkEndpoint, entra, metadataDocuments,
                graphBaseUrl);
    }

    public PlatformOptions withBenchmarkEndpoint() {
        return new PlatformOptions(embeddedDatabase, seeders, true, entra, metadataDocuments,
                graphBaseUrl);
    }

    public PlatformOptions withEntra(EntraConnection connection) {
        return new PlatformOptions(embeddedDatabase, seeders, benchmarkEndpoint, connection, metadataDocuments,
                graphBaseUrl);
    }

    /** Where the {@code graph} tool pack finds Microsoft Graph v1.0 (the devstack: its stand-in). */
    public PlatformOptions withGraphBaseUrl(URI baseUrl) {
        return new PlatformOptions(embeddedDatabase, seeders, benchmarkEndpoint, entra, metadataDocuments, baseUrl);
    }

    public PlatformOptions withMetadataDocuments(ClientMetadataDocuments documents) {
        return new PlatformOptions(embeddedDatabase, seeders, benchmarkEndpoint, entra, () -> documents,
                graphBaseUrl);
    }
}
