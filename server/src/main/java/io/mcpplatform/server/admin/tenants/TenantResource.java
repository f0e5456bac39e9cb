package io.mcpplatform.server.admin.tenants;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpplatform.server.admin.auth.AdminPrincipal;
import io.mcpplatform.server.admin.http.Access;
import io.mcpplatform.server.admin.http.AdminRequest;
import io.mcpplatform.server.admin.http.AdminResponse;
import io.mcpplatform.server.admin.http.AdminRoute;
import io.mcpplatform.server.admin.http.Json;
import io.mcpplatform.server.admin.http.Paging;
import io.mcpplatform.server.admin.http.ProblemException;
import io.mcpplatform.server.audit.AuditEvent;
import io.mcpplatform.server.audit.AuditLog;
import io.mcpplatform.server.entra.credentials.StoredCredentials;
import io.mcpplatform.server.erasure.ErasableData;
import io.mcpplatform.tenants.EntraApp;
import io.mcpplatform.tenants.StoredTenant;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantRepository;
import io.mcpplatform.tenants.TenantSlug;
import io.mcpplatform.tenants.TenantStatus;
import io.mcpplatform.tenants.VersionConflictException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code /admin/v1/tenants}: create or replace by slug (idempotent PUT, {@code If-Match} honoured, {@code 201} on
 * create and {@code 200} otherwise, {@code ETag} always), read, list (paged), enable/disable, and delete with
 * erasure of every registered {@link ErasableData} before the row (whose cascades remove the rest). Changes reach the
 * MCP and OAuth endpoints through the tenant registry's change counter, without restart. Every change is audited
 * with its actor; secrets never appear in answers or audit entries.
 */
public final class TenantResource {
    private final TenantRepository tenants;
    private final StoredCredentials credentials;
    private final PreRegisteredClients preRegistered;
    private final Supplier<Set<String>> toolPacks;
    private final List<ErasableData> erasable;
    private final AuditLog audit;
    private final Clock clock;

    public TenantResource(TenantRepository tenants, StoredCredentials credentials,
                          io.mcpplatform.server.oauth.clients.OAuthClientRepository clients,
                          io.mcpplatform.tenants.store.Database database, Supplier<Set<String>> toolPacks,
                          List<ErasableData> erasable, AuditLog audit, Clock clock) {
        this.tenants = tenants;
        this.credentials = credentials;
        this.preRegistered = new PreRegisteredClients(database, clients, clock);
        this.toolPacks = toolPacks;
        this.erasable = List.copyOf(erasable);
        this.audit = audit;
        this.clock = clock;
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
                .map(t -> TenantView.json(tenants.findStored(t.slug()).orElseThrow(), preRegistered.list(t.id())))
                .toList();
        return AdminResponse.ok(paging.page(page, all.size()));
    }

    private AdminResponse read(AdminRequest request) {
        StoredTenant stored = existing(request.path("slug"));
        return withEtag(AdminResponse.ok(view(stored)), stored);
    }

    private AdminResponse put(AdminRequest request) {
        String slug = request.path("slug");
        String problem = TenantSlug.problem(slug);
        if (problem != null) {
            throw ProblemException.invalid("slug", problem);
        }
        var body = request.jsonObject();
        if (body.has("slug") && !slug.equals(body.get("slug").asText())) {
            throw ProblemException.invalid("slug", "slug in the body must equal the slug in the path");
        }
        TenantInput input = TenantInput.parse(body, toolPacks.get());
        Optional<StoredTenant> existing = tenants.findStored(slug);
        OptionalLong expected = expectedVersion(request, existing);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        boolean created = existing.isEmpty();
        if (request.principal() instanceof AdminPrincipal.TenantAdmin
                && !existing.orElseThrow().tenant().limits().equals(input.limits())) {
            throw ProblemException.forbidden("limits are set by platform operators");
        }
        if (request.principal() instanceof AdminPrincipal.TenantAdmin admin
                && appOfAnotherTenant(admin, input.entraTenantId(), input.entraClientId())) {
            throw ProblemException.forbidden("that Entra app registration belongs to a tenant you do not administer");
        }
        UUID id = existing.map(s -> s.tenant().id()).orElseGet(UUID::randomUUID);
        if (existing.isEmpty() && input.credential() instanceof CredentialInput.Value) {
            // a sealed credential row needs its tenant row first: create it disabled, without a usable credential
            existing = Optional.of(save(new Tenant(id, slug, input.displayName(), TenantStatus.DISABLED,
                    new EntraApp(input.entraTenantId(), input.entraClientId(), "federated:env", input.authority()),
                    input.clientPolicy(), input.toolPacks(), input.mcpMode(), input.graph(), input.limits(), now, now),
                    OptionalLong.of(-1), Optional.empty()));
            expected = OptionalLong.of(existing.get().version());
            created = true;
        }
        String reference = credentialReference(id, input.credential(), existing.map(s -> s.tenant().entra()));
        Tenant wanted = new Tenant(id, slug, input.displayName(), input.status(),
                new EntraApp(input.entraTenantId(), input.entraClientId(), reference, input.authority()),
                input.clientPolicy(), input.toolPacks(), input.mcpMode(), input.graph(), input.limits(),
                existing.map(s -> s.tenant().createdAt()).orElse(now), now);
        StoredTenant stored;
        boolean changed;
        if (existing.isPresent() && sameSettings(existing.get().tenant(), wanted)) {
            stored = existing.get();
            changed = false;
        } else {
            stored = save(wanted, expected, existing);
            changed = true;
        }
        credentials.pruneExcept(id, reference);
        changed |= preRegistered.sync(id, input.preRegistered());
        if (changed) {
            record(request, id, created ? "admin.tenant.created" : "admin.tenant.updated", slug);
        }
        AdminResponse answer = new AdminResponse(created ? 201 : 200, view(stored), Map.of());
        return withEtag(created ? answer.withHeader("Location", "/admin/v1/tenants/" + slug) : answer, stored);
    }

    /**
     * Whether a tenant the administrator does not manage uses this directory and app: a tenant administrator may not
     * take over another tenant's app registration (its users' Entra tokens would then be accepted at this tenant's
     * endpoint). Operators may let tenants share an app.
     */
    private boolean appOfAnotherTenant(AdminPrincipal.TenantAdmin admin, String tid, String clientId) {
        return tenants.findAll().stream().anyMatch(t -> t.entra() != null && !admin.mayManage(t.id())
                && t.entra().tenantId().equalsIgnoreCase(tid) && t.entra().clientId().equalsIgnoreCase(clientId));
    }

    private AdminResponse setStatus(AdminRequest request, TenantStatus status) {
        StoredTenant stored = existing(request.path("slug"));
        OptionalLong expected = expectedVersion(request, Optional.of(stored));
        Tenant t = stored.tenant();
        if (t.status() != status) {
            stored = save(new Tenant(t.id(), t.slug(), t.displayName(), status, t.entra(), t.clientPolicy(),
                    t.toolPacks(), t.mcpMode(), t.graph(), t.limits(), t.createdAt(), clock.instant()), expected,
                    Optional.of(stored));
            record(request, t.id(), status == TenantStatus.ACTIVE ? "admin.tenant.enabled" : "admin.tenant.disabled",
                    t.slug());
        }
        return withEtag(AdminResponse.ok(view(stored)), stored);
    }

    private AdminResponse delete(AdminRequest request) {
        StoredTenant stored = existing(request.path("slug"));
        expectedVersion(request, Optional.of(stored)).ifPresent(v -> {
            if (v != stored.version()) {
                throw ProblemException.preconditionFailed(TenantView.etag(stored.version()));
            }
        });
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

    private StoredTenant save(Tenant tenant, OptionalLong expected, Optional<StoredTenant> existing) {
        try {
            return tenants.save(tenant, expected);
        } catch (VersionConflictException e) {
            throw ProblemException.preconditionFailed(e.currentVersion() < 0 ? null
                    : TenantView.etag(e.currentVersion()));
        }
    }

    /** {@code If-Match} (a stored ETag or {@code *}) and {@code If-None-Match: *} (create only). */
    private static OptionalLong expectedVersion(AdminRequest request, Optional<StoredTenant> existing) {
        if ("*".equals(request.header("if-none-match").orElse(null)) && existing.isPresent()) {
            throw ProblemException.preconditionFailed(TenantView.etag(existing.get().version()));
        }
        Optional<String> ifMatch = request.header("if-match");
        if (ifMatch.isEmpty()) {
            return OptionalLong.empty();
        }
        if (existing.isEmpty()) {
            throw ProblemException.preconditionFailed(null);
        }
        String value = ifMatch.get().trim();
        if (value.equals("*")) {
            return OptionalLong.of(existing.get().version());
        }
        if (!value.equals(TenantView.etag(existing.get().version()))) {
            throw ProblemException.preconditionFailed(TenantView.etag(existing.get().version()));
        }
        return OptionalLong.of(existing.get().version());
    }

    private String credentialReference(UUID tenantId, CredentialInput input, Optional<EntraApp> current) {
        String currentRef = current.map(EntraApp::credential).orElse("");
        return switch (input) {
            case CredentialInput.Reference r -> r.reference();
            case CredentialInput.KeepStored k -> {
                if (!currentRef.startsWith(k.kind() + ":stored:")) {
                    String field = k.kind().equals("secret") ? "secret" : "pem";
                    throw ProblemException.invalid("entra.credential." + field, "entra.credential." + field
                            + " is required (no " + k.kind() + " is stored for this tenant)");
                }
                yield currentRef;
            }
            case CredentialInput.Value v -> {
                if (currentRef.startsWith(v.kind() + ":stored:")
                        && credentials.open(currentRef).map(v.value()::equals).orElse(false)) {
                    yield currentRef; // the same value again: nothing to change (idempotent PUT)
                }
                yield credentials.store(tenantId, v.kind(), v.value());
            }
        };
    }

    private static boolean sameSettings(Tenant a, Tenant b) {
        return a.displayName().equals(b.displayName()) && a.status() == b.status() && a.entra().equals(b.entra())
                && a.clientPolicy().equals(b.clientPolicy()) && a.toolPacks().equals(b.toolPacks())
                && a.mcpMode() == b.mcpMode() && a.graph().equals(b.graph()) && a.limits().equals(b.limits());
    }

    private StoredTenant existing(String slug) {
        return tenants.findStored(slug).orElseThrow(() -> ProblemException.notFound("no tenant " + slug));
    }

    private ObjectNode view(StoredTenant stored) {
        return TenantView.json(stored, preRegistered.list(stored.tenant().id()));
    }

    private static AdminResponse withEtag(AdminResponse response, StoredTenant stored) {
        return response.withHeader("ETag", TenantView.etag(stored.version()));
    }

    private void record(AdminRequest request, UUID tenantId, String action, String slug) {
        Map<String, Object> detail = new LinkedHashMap<>(request.principal().auditDetail());
        detail.put("slug", slug);
        audit.record(new AuditEvent(tenantId, request.principal().oid(), null, action, detail));
    }

    static String json(Object o) {
        return Json.write(o);
    }
}
