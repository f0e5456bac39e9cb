package io.mcpplatform.server.admin.auth;

import io.mcpplatform.server.admin.http.ProblemException;
import io.mcpplatform.server.entra.EntraClaims;
import io.mcpplatform.server.entra.EntraTokenValidator;
import io.mcpplatform.server.entra.InvalidTokenException;
import io.mcpplatform.server.tenancy.InMemoryTenantRepository;
import io.mcpplatform.tenants.ClientPolicy;
import io.mcpplatform.tenants.EntraApp;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Which tenants a tenant administrator's token reaches when several tenants name the same Entra app: only those whose
 * own authority (key set) validates the token. A validator stands in for Entra: it accepts a token only against the
 * authority it was told is the signer's.
 */
class AdminAuthenticatorTest {
    private static final String TID = "11111111-2222-4333-8444-555555555555";
    private static final String APP = "66666666-7777-4888-9999-000000000000";
    private static final String REAL = EntraApp.PUBLIC_CLOUD;
    private static final String ATTACKER = "https://login.attacker.example";

    /** Accepts a token only when validated against {@code signer}'s authority. */
    private record SignedBy(String signer) implements EntraTokenValidator {
        @Override
        public EntraClaims validate(Tenant tenant, String bearerToken) {
            return validate(tenant.entra(), bearerToken);
        }

        @Override
        public EntraClaims validate(EntraApp app, String bearerToken) {
            if (!signer.equals(app.authority())) {
                throw new InvalidTokenException("signature does not verify");
            }
            return new EntraClaims(TID, "oid-1", "Admin", "admin@example", Set.of(),
                    Set.of(AdminApiSettings.TENANT_ADMIN_ROLE), APP, Instant.now().plusSeconds(600));
        }
    }

    private static Tenant tenant(String slug, String authority) {
        Instant now = Instant.now();
        return new Tenant(UUID.randomUUID(), slug, slug, TenantStatus.ACTIVE,
                new EntraApp(TID, APP, "federated:env", authority), ClientPolicy.defaults(), List.of("echo"),
                Tenant.McpMode.STATEFUL, now, now);
    }

    private static String token() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"tid\":\"" + TID + "\",\"aud\":\"" + APP + "\"}")
                .getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    private static AdminAuthenticator authenticator(InMemoryTenantRepository tenants, String signer) {
        return new AdminAuthenticator(new AdminApiSettings(Optional.empty(), Optional.empty(), 65536),
                new SignedBy(signer), tenants);
    }

    @Test
    void bearerWhenAnotherTenantNamesTheSameAppWithItsOwnAuthorityThenOnlyTheTenantsTheSignerVouchesFor() {
        InMemoryTenantRepository tenants = new InMemoryTenantRepository();
        Tenant victim = tenants.upsert(tenant("bbb-victim", REAL));
        Tenant attacker = tenants.upsert(tenant("aaa-attacker", ATTACKER)); // sorts first

        AdminPrincipal principal = authenticator(tenants, ATTACKER).authenticate(List.of("Bearer " + token()));

        assertEquals(new AdminPrincipal.TenantAdmin(Set.of(attacker.id()), "oid-1", "Admin"), principal);
        assertEquals(false, principal.mayManage(victim.id()));
    }

    @Test
    void bearerWhenTenantsShareAppAndAuthorityThenAdministratorOfBoth() {
        InMemoryTenantRepository tenants = new InMemoryTenantRepository();
        Tenant one = tenants.upsert(tenant("one-tenant", REAL));
        Tenant two = tenants.upsert(tenant("two-tenant", REAL));

        AdminPrincipal principal = authenticator(tenants, REAL).authenticate(List.of("Bearer " + token()));

        assertEquals(Set.of(one.id(), two.id()), ((AdminPrincipal.TenantAdmin) principal).tenants());
    }

    @Test
    void bearerWhenNoTenantsAuthorityValidatesThen401() {
        InMemoryTenantRepository tenants = new InMemoryTenantRepository();
        tenants.upsert(tenant("one-tenant", REAL));

        ProblemException refused = assertThrows(ProblemException.class,
                () -> authenticator(tenants, ATTACKER).authenticate(List.of("Bearer " + token())));

        assertEquals(401, refused.status());
    }
}
