package io.mcpplatform.server.mcp;

import io.mcpplatform.tenants.Tenant;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import reactor.core.publisher.Mono;

/**
 * One tenant's SDK server and its transport, built from the tenant definition it was made for.
 *
 * @param tenant    the definition the server was built from
 * @param transport the transport requests go to
 * @param closer    closes the SDK server (and with it every session)
 */
record TenantServer(Tenant tenant, TenantTransport transport, Supplier<Mono<Void>> closer) {
    private static final Logger LOG = Logger.getLogger(TenantServer.class.getName());

    boolean stateful() {
        return tenant.mcpMode() == Tenant.McpMode.STATEFUL;
    }

    /** Methods the endpoint allows for this tenant (the {@code Allow} header). */
    String allow() {
        return stateful() ? "GET, POST, DELETE" : "POST";
    }

    void close() {
        try {
            closer.get().block(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "closing the MCP server of tenant '" + tenant.slug() + "' failed", e);
        }
    }
}
