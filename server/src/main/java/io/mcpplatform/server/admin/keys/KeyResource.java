package io.mcpplatform.server.admin.keys;

import io.mcpplatform.server.admin.AdminContext;
import io.mcpplatform.server.admin.http.Access;
import io.mcpplatform.server.admin.http.AdminRequest;
import io.mcpplatform.server.admin.http.AdminResponse;
import io.mcpplatform.server.admin.http.AdminRoute;
import io.mcpplatform.server.oauth.keys.SigningKeys;
import io.mcpplatform.tenants.Tenant;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /admin/v1/tenants/{slug}/keys/rotate}: a new signing key for the tenant's tokens. The new key signs from
 * now on and is published first in the JWKS; the previous key stays published and accepted until the tokens it signed
 * have expired (so rotation never signs anyone out; to cut tokens off, revoke users or clients).
 */
public final class KeyResource {
    private final AdminContext context;
    private final SigningKeys keys;

    public KeyResource(AdminContext context, SigningKeys keys) {
        this.context = context;
        this.keys = keys;
    }

    public List<AdminRoute> routes() {
        return List.of(AdminRoute.post("/admin/v1/tenants/{slug}/keys/rotate", Access.TENANT, this::rotate));
    }

    private AdminResponse rotate(AdminRequest request) {
        Tenant tenant = context.tenant(request);
        String kid = keys.rotate(tenant.id());
        context.record(request, tenant, "admin.keys.rotated", Map.of("kid", kid));
        return AdminResponse.ok(Map.of("kid", kid));
    }
}
