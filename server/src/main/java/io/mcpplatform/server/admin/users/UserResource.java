package io.mcpplatform.server.admin.users;

import io.mcpplatform.server.admin.AdminContext;
import io.mcpplatform.server.admin.http.Access;
import io.mcpplatform.server.admin.http.AdminRequest;
import io.mcpplatform.server.admin.http.AdminResponse;
import io.mcpplatform.server.admin.http.AdminRoute;
import io.mcpplatform.server.admin.http.Paging;
import io.mcpplatform.server.admin.http.ProblemException;
import io.mcpplatform.server.db.Rows;
import io.mcpplatform.server.erasure.ErasableData;
import io.mcpplatform.server.oauth.consent.ConsentRepository;
import io.mcpplatform.server.oauth.token.RefreshTokens;
import io.mcpplatform.server.obo.OboBroker;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.store.Database;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code /admin/v1/tenants/{slug}/users}: the users seen (signed in through the platform; oid, name, last seen, the
 * clients holding their tokens), revocation of a user's consents and tokens (refresh families revoked, live access
 * tokens deny-listed, this instance's OBO memory cleared), and erasure of everything every registered
 * {@link ErasableData} keeps about the user.
 */
public final class UserResource {
    private static final Pattern OID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final AdminContext context;
    private final Database database;
    private final ConsentRepository consents;
    private final RefreshTokens refreshTokens;
    private final OboBroker obo;
    private final List<ErasableData> erasable;
    private final Clock clock;

    public UserResource(AdminContext context, Database database, ConsentRepository consents,
                        RefreshTokens refreshTokens, OboBroker obo, List<ErasableData> erasable, Clock clock) {
        this.context = context;
        this.database = database;
        this.consents = consents;
        this.refreshTokens = refreshTokens;
        this.obo = obo;
        this.erasable = List.copyOf(erasable);
        this.clock = clock;
    }

    public List<AdminRoute> routes() {
        return List.of(
                AdminRoute.get("/admin/v1/tenants/{slug}/users", Access.TENANT, this::list),
                AdminRoute.post("/admin/v1/tenants/{slug}/users/{oid}/revoke", Access.TENANT, this::revoke),
                AdminRoute.delete("/admin/v1/tenants/{slug}/users/{oid}", Access.TENANT, this::erase));
    }

    private AdminResponse list(AdminRequest request) {
        Tenant tenant = context.tenant(request);
        Paging paging = Paging.of(request);
        List<Object[]> rows = database.inTransaction(s -> s.createNativeQuery(
                        "select set_config('app.tenant_id', :t, true)", String.class)
                .setParameter("t", tenant.id().toString())
                .getSingleResult()
                .chain(() -> s.createNativeQuery("select u.oid, u.name, u.username, u.last_seen,"
                                + " (select string_agg(distinct r.client_id, ' ') from refresh_tokens r"
                                + "  where r.tenant_id = u.tenant_id and r.user_oid = u.oid and r.revoked_at is null)"
                                + " from platform_users u where u.tenant_id = :tid order by u.last_seen desc, u.oid"
                                + " limit :l offset :o", Object[].class)
                        .setParameter("tid", tenant.id())
                        .setParameter("l", paging.limit())
                        .setParameter("o", paging.offset())
                        .getResultList()));
        List<Map<String, Object>> items = new ArrayList<>();
        for (Object[] r : rows) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("oid", r[0]);
            u.put("name", r[1]);
            u.put("username", r[2]);
            u.put("lastSeen", Rows.instant(r[3]).toString());
            u.put("clients", r[4] == null ? List.of() : List.of(r[4].toString().split(" ")));
            items.add(u);
        }
        return AdminResponse.ok(paging.page(items, items.size() + (long) paging.offset()));
    }

    private AdminResponse revoke(AdminRequest request) {
        Tenant tenant = context.tenant(request);
        String oid = oid(request);
        int consentCount = consents.revokeAll(tenant.id(), oid, clock.instant());
        int tokens = refreshTokens.revokeUser(tenant.id(), oid);
        obo.forget(tenant.id(), oid);
        context.record(request, tenant, "admin.user.revoked", Map.of("oid", oid, "consentsRevoked", consentCount,
                "tokensRevoked", tokens));
        return AdminResponse.ok(Map.of("oid", oid, "consentsRevoked", consentCount, "refreshTokensRevoked", tokens));
    }

    private AdminResponse erase(AdminRequest request) {
        Tenant tenant = context.tenant(request);
        String oid = oid(request);
        Map<String, Object> erased = new LinkedHashMap<>();
        for (ErasableData data : erasable) {
            erased.put(data.name(), data.eraseUser(tenant.id(), oid));
        }
        // recorded without the user as actor (the entry must survive the user's erasure); the oid is what was erased
        context.record(request, tenant, "admin.user.erased", Map.of("erasedOid", oid, "rows", erased));
        return AdminResponse.ok(Map.of("oid", oid, "erased", erased));
    }

    private static String oid(AdminRequest request) {
        String oid = request.path("oid");
        if (!OID.matcher(oid).matches()) {
            throw ProblemException.invalid("oid", "oid must be an Entra object id (letters, digits, hyphens)");
        }
        return oid;
    }
}
