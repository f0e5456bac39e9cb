package io.mcpplatform.devstack;

import io.mcpplatform.tenants.ClientPolicy;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantRepository;
import io.mcpplatform.tenants.TenantStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The tenants of the local platform: {@code demo} (the everyday tools) and {@code conformance} (the fixture pack the
 * official MCP conformance suite calls). Created when missing; tenants an operator changed are left alone.
 */
public final class DemoTenants {
    /** The demo tenant's slug. */
    public static final String DEMO = "demo";
    /** The conformance fixture tenant's slug. */
    public static final String CONFORMANCE = "conformance";

    private DemoTenants() {
    }

    /** Creates the missing demo tenants. */
    public static void seed(TenantRepository repository) {
        createIfMissing(repository, DEMO, "Demo Organisation", List.of("echo"));
        createIfMissing(repository, CONFORMANCE, "MCP conformance fixtures", List.of("conformance"));
    }

    private static void createIfMissing(TenantRepository repository, String slug, String name, List<String> packs) {
        if (repository.findBySlug(slug).isPresent()) {
            return;
        }
        Instant now = Instant.now();
        repository.upsert(new Tenant(UUID.randomUUID(), slug, name, TenantStatus.ACTIVE, null, ClientPolicy.defaults(), packs,
                Tenant.McpMode.STATEFUL, now, now));
    }
}
