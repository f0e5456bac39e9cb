package io.mcpplatform.server.mcp;

import io.mcpplatform.server.auth.UserContext;
import io.mcpplatform.tenants.Tenant;
import io.modelcontextprotocol.common.McpTransportContext;

import java.util.Optional;
import java.util.Set;

/**
 * What the transport puts into the SDK's {@link McpTransportContext} for every request, and typed accessors for tool
 * handlers. Filled by {@link McpContextExtractor}.
 */
public final class McpRequestContext {
    /** Key of the {@link Tenant} whose endpoint received the request. Always present. */
    public static final String TENANT = "io.mcpplatform.tenant";
    /** Key of the signed-in {@link UserContext}; absent for tenants without sign-in. */
    public static final String USER = "io.mcpplatform.user";
    /** Key of the request's {@link StepUp} holder (a tool asks the client to sign in again). Always present. */
    public static final String STEP_UP = "io.mcpplatform.stepUp";
    /** Every key the transport fills. */
    public static final Set<String> KEYS = Set.of(TENANT, USER, STEP_UP);

    private McpRequestContext() {
    }

    /**
     * The tenant whose endpoint received the request.
     *
     * @throws IllegalStateException when the context did not come from this platform's transport
     */
    public static Tenant tenant(McpTransportContext ctx) {
        return findTenant(ctx).orElseThrow(() -> new IllegalStateException("no tenant in the MCP transport context"));
    }

    /** The tenant, if the context carries one. */
    public static Optional<Tenant> findTenant(McpTransportContext ctx) {
        return ctx == null ? Optional.empty() : Optional.ofNullable(ctx.get(TENANT)).map(Tenant.class::cast);
    }

    /** The request's step-up holder, if the context came from this platform's transport. */
    public static Optional<StepUp> stepUp(McpTransportContext ctx) {
        return ctx == null ? Optional.empty() : Optional.ofNullable(ctx.get(STEP_UP)).map(StepUp.class::cast);
    }

    /** The signed-in user, if the tenant requires sign-in (then always present). */
    public static Optional<UserContext> user(McpTransportContext ctx) {
        return ctx == null ? Optional.empty() : Optional.ofNullable(ctx.get(USER)).map(UserContext.class::cast);
    }
}
