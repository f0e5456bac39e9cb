package io.mcpplatform.server.admin.onboarding;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpplatform.server.admin.http.Access;
import io.mcpplatform.server.admin.http.AdminRequest;
import io.mcpplatform.server.admin.http.AdminResponse;
import io.mcpplatform.server.admin.http.AdminRoute;
import io.mcpplatform.server.admin.http.Json;
import io.mcpplatform.server.admin.http.ProblemException;
import io.mcpplatform.server.admin.tenants.TenantService;
import io.mcpplatform.server.audit.AuditActions;
import io.mcpplatform.server.audit.AuditEvent;
import io.mcpplatform.server.audit.AuditLog;
import io.mcpplatform.server.oauth.PlatformUrls;
import io.mcpplatform.server.provisioning.Change;
import io.mcpplatform.server.provisioning.Provisioner;
import io.mcpplatform.server.provisioning.ProvisioningException;
import io.mcpplatform.server.provisioning.ProvisioningReport;
import io.mcpplatform.server.provisioning.StepResult;
import io.mcpplatform.server.provisioning.doctor.Doctor;
import io.mcpplatform.server.provisioning.doctor.Finding;
import io.mcpplatform.server.provisioning.doctor.Severity;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantRepository;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code POST /admin/v1/tenants/{slug}/provision} and {@code POST /admin/v1/tenants/{slug}/doctor}: the command line's
 * {@code provision} and {@code doctor} as admin API actions. The customer admin's Graph token travels in the JSON body
 * (never in the URL), is used for this request only and is never logged, stored, audited or answered. Provisioning
 * registers the tenant through {@link TenantService} in-process; a new secret is sealed there and never answered.
 * Failures are RFC 9457 problems ({@link ProvisioningProblems}); both actions are audited with the caller, failures
 * too.
 */
public final class OnboardingResource {
    private final TenantRepository tenants;
    private final TenantService service;
    private final GraphAccess graph;
    private final PlatformUrls urls;
    private final AuditLog audit;

    public OnboardingResource(TenantRepository tenants, TenantService service, GraphAccess graph, URI baseUrl,
                              AuditLog audit) {
        this.tenants = tenants;
        this.service = service;
        this.graph = graph;
        this.urls = new PlatformUrls(baseUrl);
        this.audit = audit;
    }

    public List<AdminRoute> routes() {
        return List.of(
                AdminRoute.post("/admin/v1/tenants/{slug}/provision", Access.TENANT, this::provision),
                AdminRoute.post("/admin/v1/tenants/{slug}/doctor", Access.TENANT, this::doctor));
    }

    private AdminResponse provision(AdminRequest request) {
        String slug = request.path("slug");
        Optional<Tenant> existing = tenants.findBySlug(slug);
        ProvisionRequest body = ProvisionRequest.parse(request.jsonObject(), slug, existing, callback(slug),
                service.storedSecret(slug));
        Provisioner provisioner = new Provisioner(graph.directory(body.graphToken()),
                new PlatformTenantRegistration(service, request.principal()), graph.clock());
        ProvisioningReport report;
        try {
            report = provisioner.provision(body.plan());
        } catch (ProvisioningException e) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("step", e.step());
            detail.put("reason", e.reason().name().toLowerCase(Locale.ROOT));
            record(request, slug, AuditActions.TENANT_PROVISION_FAILED, detail);
            throw ProvisioningProblems.of(e);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("appId", report.appId());
        detail.put("unchanged", report.unchanged());
        detail.put("changes", report.steps().stream().filter(s -> s.change() != Change.UNCHANGED)
                .map(s -> s.step() + ":" + s.change().name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")));
        record(request, slug, AuditActions.TENANT_PROVISIONED, detail);
        ObjectNode answer = Json.MAPPER.createObjectNode().put("slug", slug).put("appId", report.appId())
                .put("tenantId", report.tenantId()).put("unchanged", report.unchanged());
        ArrayNode steps = answer.putArray("steps");
        for (StepResult s : report.steps()) {
            steps.addObject().put("step", s.step()).put("change", s.change().name().toLowerCase(Locale.ROOT))
                    .put("detail", s.detail());
        }
        return AdminResponse.ok(answer);
    }

    private AdminResponse doctor(AdminRequest request) {
        String slug = request.path("slug");
        Tenant tenant = tenants.findBySlug(slug).orElseThrow(() -> ProblemException.notFound("no tenant " + slug));
        DoctorRequest body = DoctorRequest.parse(request.jsonObject(), tenant, callback(slug));
        List<Finding> findings = new Doctor(graph.directory(body.graphToken()), graph.metadataProbe(tenant.entra()),
                graph.clock()).examine(body.target());
        Map<Severity, Long> counts = findings.stream().collect(Collectors.groupingBy(Finding::severity,
                Collectors.counting()));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("failed", counts.getOrDefault(Severity.FAIL, 0L));
        detail.put("warnings", counts.getOrDefault(Severity.WARN, 0L));
        record(request, slug, AuditActions.TENANT_DOCTOR, detail);
        ObjectNode answer = Json.MAPPER.createObjectNode().put("slug", slug)
                .put("failed", counts.getOrDefault(Severity.FAIL, 0L))
                .put("warnings", counts.getOrDefault(Severity.WARN, 0L))
                .put("ok", counts.getOrDefault(Severity.OK, 0L));
        ArrayNode list = answer.putArray("findings");
        for (Finding x : findings) {
            list.addObject().put("check", x.check()).put("severity", x.severity().name()).put("message", x.message())
                    .put("fix", x.fix());
        }
        return AdminResponse.ok(answer);
    }

    private URI callback(String slug) {
        return URI.create(urls.oauth(slug, "callback"));
    }

    /** An audit entry of the tenant (platform-level when the tenant does not exist, e.g. a failed first run). */
    private void record(AdminRequest request, String slug, String action, Map<String, Object> more) {
        UUID tenantId = tenants.findBySlug(slug).map(Tenant::id).orElse(null);
        Map<String, Object> detail = new LinkedHashMap<>(request.principal().auditDetail());
        detail.put("slug", slug);
        detail.putAll(more);
        audit.record(new AuditEvent(tenantId, request.principal().oid(), null, action, detail));
    }
}
