package io.mcpplatform.server.admin.audit;

import io.mcpplatform.server.admin.AdminContext;
import io.mcpplatform.server.admin.http.Access;
import io.mcpplatform.server.admin.http.AdminRequest;
import io.mcpplatform.server.admin.http.AdminResponse;
import io.mcpplatform.server.admin.http.AdminRoute;
import io.mcpplatform.server.admin.http.Json;
import io.mcpplatform.server.admin.http.Paging;
import io.mcpplatform.server.admin.http.ProblemException;
import io.mcpplatform.server.audit.PostgresAuditLog;
import io.mcpplatform.server.db.Rows;
import io.mcpplatform.tenants.store.Database;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The audit log: {@code GET /admin/v1/audit} (operators: every tenant and platform-level entries) and
 * {@code GET /admin/v1/tenants/{slug}/audit} (one tenant), newest first, filtered by {@code action} (exact, or a
 * prefix ending in {@code *}), {@code actor} (oid), {@code client} (OAuth client id), {@code from}/{@code to}
 * (ISO-8601 instants) and paged. Entries carry no tokens or secrets ({@link io.mcpplatform.server.audit.AuditDetail}
 * guards every entry). Queued entries are written before the query.
 */
public final class AuditResource {
    private static final Pattern ACTION = Pattern.compile("[a-z0-9_./*-]{1,100}");

    private final AdminContext context;
    private final Database database;
    private final PostgresAuditLog log;

    public AuditResource(AdminContext context, Database database, PostgresAuditLog log) {
        this.context = context;
        this.database = database;
        this.log = log;
    }

    public List<AdminRoute> routes() {
        return List.of(
                AdminRoute.get("/admin/v1/audit", Access.OPERATOR, r -> query(r, Optional.empty())),
                AdminRoute.get("/admin/v1/tenants/{slug}/audit", Access.TENANT,
                        r -> query(r, Optional.of(context.tenant(r).id()))));
    }

    private AdminResponse query(AdminRequest request, Optional<UUID> tenant) {
        Paging paging = Paging.of(request);
        Optional<String> action = request.query("action").map(a -> {
            if (!ACTION.matcher(a).matches()) {
                throw ProblemException.invalid("action", "action must be an action name, optionally ending in *");
            }
            return a.endsWith("*") ? a.substring(0, a.length() - 1).replace("_", "\\_") + "%" : a;
        });
        Optional<String> actor = request.query("actor");
        Optional<String> client = request.query("client");
        Instant from = instant(request, "from").orElse(Instant.EPOCH);
        Instant to = instant(request, "to").orElse(Instant.parse("9999-01-01T00:00:00Z"));
        log.flush();
        List<Object[]> rows = tenant.isPresent()
                ? tenantPage(tenant.get(), paging, from, to, action, actor, client)
                : platformPage(paging, from, to, action, actor, client);
        List<Map<String, Object>> items = new ArrayList<>();
        for (Object[] r : rows) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", r[0].toString());
            e.put("tenantId", r[1] == null ? null : r[1].toString());
            e.put("at", Rows.instant(r[2]).toString());
            e.put("actorOid", r[3]);
            e.put("clientId", r[4]);
            e.put("action", r[5]);
            e.put("detail", Json.parse(r[6].toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            items.add(e);
        }
        return AdminResponse.ok(paging.page(items, items.size() + (long) paging.offset()));
    }

    /** One tenant's entries, read under the tenant's row-level-security scope. */
    private List<Object[]> tenantPage(UUID tenantId, Paging paging, Instant from, Instant to, Optional<String> action,
                                      Optional<String> actor, Optional<String> client) {
        StringBuilder where = new StringBuilder(" where at >= :from and at < :to and tenant_id = :tenant");
        action.ifPresent(a -> where.append(" and action like :action"));
        actor.ifPresent(a -> where.append(" and actor_oid = :actor"));
        client.ifPresent(c -> where.append(" and client_id = :client"));
        return database.inTenantTransaction(tenantId, s -> {
            var q = s.createNativeQuery("select id, tenant_id, at, actor_oid, client_id, action, cast(detail as text)"
                            + " from audit_log" + where + " order by at desc, id limit :l offset :o", Object[].class)
                    .setParameter("from", from)
                    .setParameter("to", to)
                    .setParameter("tenant", tenantId)
                    .setParameter("l", paging.limit())
                    .setParameter("o", paging.offset());
            action.ifPresent(a -> q.setParameter("action", a));
            actor.ifPresent(a -> q.setParameter("actor", a));
            client.ifPresent(c -> q.setParameter("client", c));
            return q.getResultList();
        });
    }

    /**
     * Every tenant's entries and the platform's own (the operator's query), through the SECURITY DEFINER function
     * {@code audit_platform_page} (V18): the application role itself reads no row outside a tenant scope.
     */
    private List<Object[]> platformPage(Paging paging, Instant from, Instant to, Optional<String> action,
                                        Optional<String> actor, Optional<String> client) {
        return database.inSession(s -> s.createNativeQuery("select id, tenant_id, at, actor_oid, client_id, action,"
                        + " detail from audit_platform_page(:from, :to, cast(:action as text), cast(:actor as text),"
                        + " cast(:client as text), :l, :o)", Object[].class)
                .setParameter("from", from)
                .setParameter("to", to)
                .setParameter("action", action.orElse(null))
                .setParameter("actor", actor.orElse(null))
                .setParameter("client", client.orElse(null))
                .setParameter("l", paging.limit())
                .setParameter("o", paging.offset())
                .getResultList());
    }

    private static Optional<Instant> instant(AdminRequest request, String name) {
        return request.query(name).map(v -> {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid(name, name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
            }
        });
    }
}
