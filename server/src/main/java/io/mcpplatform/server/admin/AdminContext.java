package io.mcpplatform.server.admin;

import io.mcpplatform.server.admin.http.AdminRequest;
import io.mcpplatform.server.admin.http.ProblemException;
import io.mcpplatform.server.audit.AuditEvent;
import io.mcpplatform.server.audit.AuditLog;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantRepository;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the tenant sub-resources share: finding the route's tenant (404) and auditing a change with its actor. */
public record AdminContext(TenantRepository tenants, AuditLog audit) {

    /** The tenant named by {@code {slug}}, or 404. */
    public Tenant tenant(AdminRequest request) {
        String slug = request.path("slug");
        return tenants.findBySlug(slug).orElseThrow(() -> ProblemException.notFound("no tenant " + slug));
    }

    /** Records a change with the caller as actor. */
    public void record(AdminRequest request, Tenant tenant, String action, Map<String, Object> more) {
        record(request, tenant, null, action, more);
    }

    /** Records a change of one OAuth client ({@code clientId}, the entry's client) with the caller as actor. */
    public void record(AdminRequest request, Tenant tenant, String clientId, String action, Map<String, Object> more) {
        Map<String, Object> detail = new LinkedHashMap<>(request.principal().auditDetail());
        detail.put("slug", tenant.slug());
        detail.putAll(more);
        audit.record(new AuditEvent(tenant.id(), request.principal().oid(), clientId, action, detail));
    }
}
