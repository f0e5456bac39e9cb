package io.mcpplatform.server.admin.tenants;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpplatform.server.admin.http.Access;
import io.mcpplatform.server.admin.http.AdminRequest;
import io.mcpplatform.server.admin.http.AdminResponse;
import io.mcpplatform.server.admin.http.AdminRoute;
import io.mcpplatform.server.admin.http.Paging;
import io.mcpplatform.server.audit.AuditEvent;
import io.mcpplatform.server.audit.AuditLog;
import io.mcpplatform.server.erasure.ErasableData;
import io.mcpplatform.tenants.StoredTenant;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantRepository;
import io.mcpplatform.tenants.TenantStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /admin/v1/tenants}: create or replace by slug (idempotent PUT, {@code If-Match} honoured, {@code 201} on
 * create and {@code 200} otherwise, {@code ETag} always), read, list (paged), enable/disable, and delete with
 * erasure of every registered {@link ErasableData} before the row (whose cascades remove the rest). Changes reach the
 * MCP and OAuth endpoints through the tenant registry's change counter, without restart. Every change is audited
 * with its actor; secrets never appear in answers or audit entries. The writing is {@link TenantService}'s.
 */
public final class TenantResource {
    private final TenantRepository tenants;
    private final TenantService service;
    private final List<ErasableData> erasable;
    private final AuditLog audit;

    public TenantResource(TenantRepository tenants, TenantService service, List<ErasableData> erasable,
                          AuditLog audit) {
        this.tenants = tenants;
        this.service = service;
        this.erasable = List.copyOf(erasable);
        this.audit = audit;
    }

    /** The routes of this resource. */
    public List<AdminRoute> routes() {
        String one = "/admin/v1/tenants/{slug}";
        return List.of(
                AdminRoute.get("/admin/v1/tenants", Access.OPERATOR, this::list),
                AdminRoute.get(one, Access.TENANT, this::read),
                AdminRoute.put(one, Access.TENANT, this::put),
                AdminRoute.delete(one, Access.OPERATOR, this::delete),
                AdminRoute.post(one + "/disable", Access.TENANT, r -> setStatus(r, TenantStatus.DISABLED)),
                AdminRoute.post(one + "/enable", Access.TENANT, r -> setStatus(r, TenantStatus.ACTIVE)));
    }

    private AdminResponse list(AdminRequest request) {
        Paging paging = Paging.of(request);
        List<Tenant> all = tenants.findAll();
        List<ObjectNode> page = all.stream().skip(paging.offset()).limit(paging.limit())
                .map(t -> service.document(tenants.findStored(t.slug()).orElseThrow()).document())
                .toList();
        return AdminResponse.ok(paging.page(page, all.size()));
    }

    private AdminResponse read(AdminRequest request) {
        return answer(200, service.document(service.existing(request.path("slug"))));
    }

    private AdminResponse put(AdminRequest request) {
        String slug = request.path("slug");
        TenantService.Written written = service.put(slug, request.jsonObject(), request.principal(),
                request.header("if-match"), request.header("if-none-match"));
        AdminResponse answer = answer(written.created() ? 201 : 200, written.document());
        return written.created() ? answer.withHeader("Location", "/admin/v1/tenants/" + slug) : answer;
    }

    private AdminResponse setStatus(AdminRequest request, TenantStatus status) {
        return answer(200, service.setStatus(request.path("slug"), status, request.principal(),
                request.header("if-match")));
    }

    private AdminResponse delete(AdminRequest request) {
        StoredTenant stored = service.existing(request.path("slug"));
        TenantService.expectedVersion(request.header("if-match"), Optional.empty(), Optional.of(stored));
        UUID id = stored.tenant().id();
        Map<String, Object> erased = new LinkedHashMap<>();
        for (ErasableData data : erasable) {
            erased.put(data.name(), data.eraseTenant(id));
        }
        tenants.delete(stored.tenant().slug());
        Map<String, Object> detail = new LinkedHashMap<>(request.principal().auditDetail());
        detail.put("slug", stored.tenant().slug());
        detail.put("tenantId", id.toString());
        audit.record(new AuditEvent(null, request.principal().oid(), null, "admin.tenant.deleted", detail));
        return AdminResponse.noContent();
    }

    private static AdminResponse answer(int status, TenantService.Document document) {
        return new AdminResponse(status, document.document(), Map.of()).withHeader("ETag", document.etag());
    }
}
