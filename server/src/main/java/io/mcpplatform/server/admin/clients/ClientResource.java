package io.mcpplatform.server.admin.clients;

import io.mcpplatform.server.admin.AdminContext;
import io.mcpplatform.server.admin.http.Access;
import io.mcpplatform.server.admin.http.AdminRequest;
import io.mcpplatform.server.admin.http.AdminResponse;
import io.mcpplatform.server.admin.http.AdminRoute;
import io.mcpplatform.server.admin.http.Paging;
import io.mcpplatform.server.admin.http.ProblemException;
import io.mcpplatform.server.audit.AuditActions;
import io.mcpplatform.server.oauth.clients.DatabaseClientRegistry;
import io.mcpplatform.server.oauth.clients.OAuthClientRepository;
import io.mcpplatform.server.oauth.token.RefreshTokens;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.store.Database;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/v1/tenants/{slug}/clients}: the tenant's registered OAuth clients (paged), and revocation of one:
 * the client is refused from then on, its refresh tokens are revoked and its live access tokens deny-listed, so an
 * access token already accepted (and remembered by the verifier) stops working at the next request. A
 * metadata-document client (an https client id, percent-encoded in the path) has no row while it is allowed:
 * revoking one stores a revoked row that the client look-up honours.
 */
public final class ClientResource {
    private final AdminContext context;
    private final Database database;
    private final OAuthClientRepository clients;
    private final RefreshTokens refreshTokens;
    private final Clock clock;

    public ClientResource(AdminContext context, Database database, OAuthClientRepository clients,
                          RefreshTokens refreshTokens, Clock clock) {
        this.context = context;
        this.database = database;
        this.clients = clients;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    public List<AdminRoute> routes() {
        return List.of(
                AdminRoute.get("/admin/v1/tenants/{slug}/clients", Access.TENANT, this::list),
                AdminRoute.post("/admin/v1/tenants/{slug}/clients/{clientId}/revoke", Access.TENANT, this::revoke));
    }

    private AdminResponse list(AdminRequest request) {
        Tenant tenant = context.tenant(request);
        Paging paging = Paging.of(request);
        List<Object[]> rows = database.inTenantTransaction(tenant.id(), s -> s.createNativeQuery("select client_id, client_name,"
                        + " registration_type, array_to_string(redirect_uris, ' '), created_at, last_used_at, revoked_at"
                        + " from oauth_clients where tenant_id = :t order by created_at, client_id"
                        + " limit :l offset :o", Object[].class)
                .setParameter("t", tenant.id())
                .setParameter("l", paging.limit())
                .setParameter("o", paging.offset())
                .getResultList());
        List<Map<String, Object>> items = new ArrayList<>();
        for (Object[] r : rows) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("clientId", r[0]);
            c.put("clientName", r[1]);
            c.put("registrationType", String.valueOf(r[2]).toLowerCase());
            c.put("redirectUris", r[3] == null || r[3].toString().isEmpty() ? List.of()
                    : List.of(r[3].toString().split(" ")));
            c.put("createdAt", text(r[4]));
            c.put("lastUsedAt", text(r[5]));
            c.put("revokedAt", text(r[6]));
            items.add(c);
        }
        return AdminResponse.ok(paging.page(items, clients.count(tenant.id())));
    }

    private AdminResponse revoke(AdminRequest request) {
        Tenant tenant = context.tenant(request);
        String clientId = request.path("clientId");
        boolean revoked;
        if (clients.find(tenant.id(), clientId).isPresent()) {
            revoked = clients.revoke(tenant.id(), clientId, clock.instant());
        } else if (clientId.startsWith("https://") && clientId.length() <= DatabaseClientRegistry.MAX_CLIENT_ID_URL_LENGTH) {
            revoked = clients.revokeMetadataDocumentClient(tenant.id(), clientId, clock.instant());
        } else {
            throw ProblemException.notFound("no client " + clientId + " in tenant " + tenant.slug());
        }
        int tokens = refreshTokens.revokeClient(tenant.id(), clientId);
        context.record(request, tenant, clientId, AuditActions.CLIENT_REVOKED, Map.of("tokensRevoked", tokens));
        return AdminResponse.ok(Map.of("clientId", clientId, "revoked", true, "wasActive", revoked,
                "refreshTokensRevoked", tokens));
    }

    private static String text(Object value) {
        return value == null ? null : io.mcpplatform.server.db.Rows.instant(value).toString();
    }
}
