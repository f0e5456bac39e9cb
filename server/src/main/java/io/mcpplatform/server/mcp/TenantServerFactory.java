package io.mcpplatform.server.mcp;

import io.mcpplatform.server.tools.ToolPack;
import io.mcpplatform.server.tools.ToolPackCatalog;
import io.mcpplatform.tenants.Tenant;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessAsyncServer;
import io.modelcontextprotocol.spec.McpSchema;

import java.time.Clock;
import java.util.List;

/** Builds one tenant's SDK server, stateful or stateless as the tenant says, with the tenant's tool packs. */
final class TenantServerFactory {
    static final String SERVER_VERSION = "0.1.0";

    private final ToolPackCatalog packs;
    private final McpSettings settings;
    private final McpJsonMapper mapper;
    private final ObjectMapper json;
    private final Clock clock;

    TenantServerFactory(ToolPackCatalog packs, McpSettings settings, ObjectMapper json, McpJsonMapper mapper,
                        Clock clock) {
        this.json = json;
        this.packs = packs;
        this.settings = settings;
        this.mapper = mapper;
        this.clock = clock;
    }

    TenantServer build(Tenant tenant) {
        List<ToolPack> tenantPacks = packs.packsFor(tenant);
        String name = "mcp-platform/" + tenant.slug();
        if (tenant.mcpMode() == Tenant.McpMode.STATELESS) {
            StatelessFeatures f = new StatelessFeatures(tenant.slug());
            tenantPacks.forEach(p -> p.install(f));
            StatelessTransport transport = new StatelessTransport(settings, mapper, f.visibility);
            McpStatelessAsyncServer server = McpServer.async(transport)
                    .serverInfo(name, SERVER_VERSION)
                    .jsonMapper(mapper)
                    .jsonSchemaValidator(new CompiledSchemaValidator(json,
                            f.tools.stream().map(McpStatelessServerFeatures.AsyncToolSpecification::tool).toList()))
                    .capabilities(capabilities(!f.tools.isEmpty(), !f.resources.isEmpty() || !f.templates.isEmpty(),
                            !f.prompts.isEmpty(), !f.completions.isEmpty(), false))
                    .tools(f.tools).resources(f.resources).resourceTemplates(f.templates)
                    .prompts(f.prompts).completions(f.completions)
                    .build();
            return new TenantServer(tenant, transport, server::closeGracefully);
        }
        StatefulFeatures f = new StatefulFeatures();
        tenantPacks.forEach(p -> p.install(f));
        StreamableTransport transport = new StreamableTransport(tenant.slug(),
                tenant.limits().sessions().orElse(settings.maxSessionsPerTenant()), settings, mapper, clock, f.visibility);
        McpAsyncServer server = McpServer.async(transport)
                .serverInfo(name, SERVER_VERSION)
                .jsonMapper(mapper)
                .jsonSchemaValidator(new CompiledSchemaValidator(json,
                        f.tools.stream().map(McpServerFeatures.AsyncToolSpecification::tool).toList()))
                .capabilities(capabilities(!f.tools.isEmpty(), !f.resources.isEmpty() || !f.templates.isEmpty(),
                        !f.prompts.isEmpty(), !f.completions.isEmpty(), true))
                .tools(f.tools).resources(f.resources).resourceTemplates(f.templates)
                .prompts(f.prompts).completions(f.completions)
                .build();
        return new TenantServer(tenant, transport, server::closeGracefully);
    }

    private static McpSchema.ServerCapabilities capabilities(boolean tools, boolean resources, boolean prompts,
                                                             boolean completions, boolean logging) {
        McpSchema.ServerCapabilities.Builder b = McpSchema.ServerCapabilities.builder();
        if (tools) {
            b.tools(false);
        }
        if (resources) {
            b.resources(logging, false);
        }
        if (prompts) {
            b.prompts(false);
        }
        if (completions) {
            b.completions();
        }
        if (logging) {
            b.logging();
        }
        return b.build();
    }
}
