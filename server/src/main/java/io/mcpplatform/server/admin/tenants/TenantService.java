package io.mcpplatform.server.admin.tenants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpplatform.server.admin.auth.AdminPrincipal;
import io.mcpplatform.server.admin.http.ProblemException;
import io.mcpplatform.server.audit.AuditEvent;
import io.mcpplatform.server.audit.AuditLog;
import io.mcpplatform.server.entra.credentials.StoredCredentials;
import io.mcpplatform.server.oauth.clients.OAuthClientRepository;
import io.mcpplatform.tenants.EntraApp;
import io.mcpplatform.tenants.StoredTenant;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantRepository;
import io.mcpplatform.tenants.TenantSlug;
import io.mcpplatform.tenants.TenantStatus;
import io.mcpplatform.tenants.VersionConflictException;
import io.mcpplatform.tenants.store.Database;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Tenant documents in and out: read a tenant as the API shows it, and create or replace one from a document
 * (validated, idempotent, {@code If-Match}/{@code If-None-Match} honoured, audited with the caller). Used by the HTTP
 * resource and, in-process, by the onboarding action's tenant registration, so both write tenants the same way.
 */
public final class TenantService {
    private final TenantRepository tenants;
    private final StoredCredentials credentials;
    private final PreRegisteredClients preRegistered;
    private final Supplier<Set<String>> toolPacks;
    private final AuditLog audit;
    private final Clock clock;

    public TenantService(TenantRepository tenants, StoredCredentials credentials, OAuthClientRepository clients,
                         Database database, Supplier<Set<String>> toolPacks, AuditLog audit, Clock clock) {
        this.tenants = tenants;
        this.credentials = credentials;
        this.preRegistered = new PreRegisteredClients(database, clients, clock);
        this.toolPacks = toolPacks;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A tenant document as the API answers it, with its ETag.
     *
     * @param document the JSON of {@code GET /admin/v1/tenants/{slug}}
     * @param etag     its strong ETag
     */
    public record Document(ObjectNode document, String etag) {
    }

    /**
     * The outcome of a PUT.
     *
     * @param document the tenant now
     * @param created  whether it did not exist before
     * @param changed  whether anything was written
     */
    public record Written(Document document, boolean created, boolean changed) {
    }

    /** The tenant as the API shows it, when it exists. */
    public Optional<Document> read(String slug) {
        return tenants.findStored(slug).map(this::document);
    }

    /** The secret value stored for this tenant, when its credential is a stored secret. */
    public Optional<String> storedSecret(String slug) {
        return tenants.findBySlug(slug).map(t -> t.entra().credential()).filter(r -> r.startsWith("secret:stored:"))
                .flatMap(credentials::open);
    }

    /**
     * Creates or replaces a tenant from a document.
     *
     * @param ifMatch     an ETag the stored version must have, or {@code *}
     * @param ifNoneMatch {@code *}: only when the tenant does not exist
     * @throws ProblemException naming the bad field, 412 on a failed precondition, 403 when a tenant admin changes
     *                          limits
     */
    public Written put(String slug, JsonNode body, AdminPrincipal principal, Optional<String> ifMatch,
                       Optional<String> ifNoneMatch) {
        String problem = TenantSlug.problem(slug);
        if (problem != null) {
            throw ProblemException.invalid("slug", problem);
        }
        if (body.has("slug") && !slug.equals(body.get("slug").asText())) {
            throw ProblemException.invalid("slug", "slug in the body must equal the slug in the path");
        }
        TenantInput input = TenantInput.parse(body, toolPacks.get());
        Optional<StoredTenant> existing = tenants.findStored(slug);
        OptionalLong expected = expectedVersion(ifMatch, ifNoneMatch, existing);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        boolean created = existing.isEmpty();
        if (principal instanceof AdminPrincipal.TenantAdmin
                && !existing.orElseThrow().tenant().limits().equals(input.limits())) {
            throw ProblemException.forbidden("limits are set by platform operators");
        }
        if (principal instanceof AdminPrincipal.TenantAdmin admin
                && appOfAnotherTenant(admin, input.entraTenantId(), input.entraClientId())) {
            throw ProblemException.forbidden("that Entra app registration belongs to a tenant you do not administer");
        }
        UUID id = existing.map(s -> s.tenant().id()).orElseGet(UUID::randomUUID);
        if (existing.isEmpty() && input.credential() instanceof CredentialInput.Value) {
            // a sealed credential row needs its tenant row first: create it disabled, without a usable credential
            existing = Optional.of(save(new Tenant(id, slug, input.displayName(), TenantStatus.DISABLED,
                    new EntraApp(input.entraTenantId(), input.entraClientId(), "federated:env", input.authority()),
                    input.clientPolicy(), input.toolPacks(), input.mcpMode(), input.graph(), input.limits(), now, now),
                    OptionalLong.of(-1)));
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
            stored = save(wanted, expected);
            changed = true;
        }
        credentials.pruneExcept(id, reference);
        changed |= preRegistered.sync(id, input.preRegistered());
        if (changed) {
            record(principal, id, created ? "admin.tenant.created" : "admin.tenant.updated", slug);
        }
        return new Written(document(stored), created, changed);
    }

    /** Sets the status; audited when it changes. */
    Document setStatus(String slug, TenantStatus status, AdminPrincipal principal, Optional<String> ifMatch) {
        StoredTenant stored = existing(slug);
        OptionalLong expected = expectedVersion(ifMatch, Optional.empty(), Optional.of(stored));
        Tenant t = stored.tenant();
        if (t.status() != status) {
            stored = save(new Tenant(t.id(), t.slug(), t.displayName(), status, t.entra(), t.clientPolicy(),
                    t.toolPacks(), t.mcpMode(), t.graph(), t.limits(), t.createdAt(), clock.instant()), expected);
            record(principal, t.id(), status == TenantStatus.ACTIVE ? "admin.tenant.enabled"
                    : "admin.tenant.disabled", t.slug());
        }
        return document(stored);
    }

    /** The stored tenant, or 404. */
    StoredTenant existing(String slug) {
        return tenants.findStored(slug).orElseThrow(() -> ProblemException.notFound("no tenant " + slug));
    }

    /** The version {@code If-Match} names (checked against the stored one), 412 when stale. */
    static OptionalLong expectedVersion(Optional<String> ifMatch, Optional<String> ifNoneMatch,
                                        Optional<StoredTenant> existing) {
        if ("*".equals(ifNoneMatch.orElse(null)) && existing.isPresent()) {
            throw ProblemException.preconditionFailed(TenantView.etag(existing.get().version()));
        }
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

    Document document(StoredTenant stored) {
        return new Document(TenantView.json(stored, preRegistered.list(stored.tenant().id())),
                TenantView.etag(stored.version()));
    }

    private StoredTenant save(Tenant tenant, OptionalLong expected) {
        try {
            return tenants.save(tenant, expected);
        } catch (VersionConflictException e) {
            throw ProblemException.preconditionFailed(e.currentVersion() < 0 ? null
                    : TenantView.etag(e.currentVersion()));
        }
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

    private void record(AdminPrincipal principal, UUID tenantId, String action, String slug) {
        Map<String, Object> detail = new LinkedHashMap<>(principal.auditDetail());
        detail.put("slug", slug);
        audit.record(new AuditEvent(tenantId, principal.oid(), null, action, detail));
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
}
