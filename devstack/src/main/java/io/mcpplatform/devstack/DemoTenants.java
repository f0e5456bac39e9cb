package io.mcpplatform.devstack;

import io.mcpplatform.devstack.entra.DevEntra;
import io.mcpplatform.devstack.graph.DemoGraph;
import io.mcpplatform.tenants.ClientPolicy;
import io.mcpplatform.tenants.EntraApp;
import io.mcpplatform.tenants.GraphSettings;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantRepository;
import io.mcpplatform.tenants.TenantStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The tenants of the local platform: {@code demo} and {@code contoso} (the everyday tools, users signing in at the
 * stand-in Entra) and {@code conformance} (the fixture pack the official MCP conformance suite calls; open, no
 * sign-in). Created when missing; a demo tenant from before sign-in existed gets its app registration; tenants an
 * operator changed otherwise are left alone.
 */
public final class DemoTenants {
    /** The demo tenant's slug. */
    public static final String DEMO = "demo";
    /** The second demo tenant's slug (cross-tenant checks). */
    public static final String CONTOSO = "contoso";
    /** The conformance fixture tenant's slug. */
    public static final String CONFORMANCE = "conformance";

    private DemoTenants() {
    }

    /** Seeds the demo tenants with the stand-in's app registrations. */
    public static Consumer<TenantRepository> seeder(DevEntra entra) {
        return repository -> {
            ensure(repository, DEMO, "Demo Organisation", entra.demoApp(), List.of("echo", "graph", "expenses"),
                    graph(DemoGraph.DEMO_ADMIN_GROUP));
            ensure(repository, CONTOSO, "Contoso", entra.contosoApp(), List.of("echo", "graph", "expenses"),
                    graph(DemoGraph.CONTOSO_ADMIN_GROUP));
            ensure(repository, CONFORMANCE, "MCP conformance fixtures", null, List.of("conformance"),
                    GraphSettings.defaults());
        };
    }

    /** The demo tenants' Graph settings: read the profile, groups and files; this admin group. */
    static GraphSettings graph(String adminGroupId) {
        return new GraphSettings(List.of("User.Read", "GroupMember.Read.All", "Files.Read"),
                Optional.of(adminGroupId));
    }

    private static void ensure(TenantRepository repository, String slug, String name, EntraApp app, List<String> packs,
                               GraphSettings graph) {
        var existing = repository.findBySlug(slug);
        if (existing.isPresent()) {
            Tenant t = existing.get();
            if (app != null && (t.entra() == null || t.entra().tenantId().equals(app.tenantId()))
                    && !app.equals(t.entra())) {
                repository.upsert(new Tenant(t.id(), t.slug(), t.displayName(), t.status(), app, t.clientPolicy(),
                        t.toolPacks(), t.mcpMode(), t.graph(), t.createdAt(), Instant.now()));
            }
            return;
        }
        Instant now = Instant.now();
        repository.upsert(new Tenant(UUID.randomUUID(), slug, name, TenantStatus.ACTIVE, app, ClientPolicy.defaults(),
                packs, Tenant.McpMode.STATEFUL, graph, now, now));
    }
}
