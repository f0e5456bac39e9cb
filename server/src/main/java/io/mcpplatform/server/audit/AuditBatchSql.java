package io.mcpplatform.server.audit;

import io.mcpplatform.tenants.store.UserScope;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The statements that write one batch of audit rows inside the caller's transaction. {@code audit_log} is under
 * tenant-level row-level security (V18) and a batch spans tenants, so the rows are grouped by tenant and each group
 * is one multi-row INSERT preceded by {@link UserScope#applyTenant}; entries about the platform itself (no tenant)
 * go one by one through the {@code audit_platform_entry} function. Never opens a transaction of its own.
 */
final class AuditBatchSql {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditBatchSql() {
    }

    /** Chains every group's statements on the session; yields the number of rows written. */
    static Uni<Integer> write(Mutiny.Session s, List<PostgresAuditLog.Row> rows) {
        Map<Optional<UUID>, List<PostgresAuditLog.Row>> groups = new LinkedHashMap<>();
        for (PostgresAuditLog.Row row : rows) {
            groups.computeIfAbsent(Optional.ofNullable(row.event().tenantId()), k -> new ArrayList<>()).add(row);
        }
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (Map.Entry<Optional<UUID>, List<PostgresAuditLog.Row>> group : groups.entrySet()) {
            chain = chain.chain(written -> (group.getKey().isPresent()
                    ? tenantRows(s, group.getKey().get(), group.getValue())
                    : platformRows(s, group.getValue())).map(n -> written + n));
        }
        return chain;
    }

    /** One multi-row INSERT for the rows of one tenant, scoped to it first. */
    private static Uni<Integer> tenantRows(Mutiny.Session s, UUID tenantId, List<PostgresAuditLog.Row> rows) {
        StringBuilder sql = new StringBuilder("insert into audit_log (id, tenant_id, at, actor_oid, client_id,"
                + " action, detail) values ");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:id").append(i).append(", :t, :at").append(i)
                    .append(", :oid").append(i).append(", :c").append(i).append(", :a").append(i)
                    .append(", cast(cast(:d").append(i).append(" as text) as jsonb))");
        }
        return UserScope.applyTenant(s, tenantId).chain(() -> {
            var insert = s.createNativeQuery(sql.toString()).setParameter("t", tenantId);
            for (int i = 0; i < rows.size(); i++) {
                PostgresAuditLog.Row row = rows.get(i);
                insert.setParameter("id" + i, row.id())
                        .setParameter("at" + i, row.at())
                        .setParameter("oid" + i, row.event().actorOid())
                        .setParameter("c" + i, row.event().clientId())
                        .setParameter("a" + i, row.event().action())
                        .setParameter("d" + i, json(row.event()));
            }
            return insert.executeUpdate();
        });
    }

    /** Platform entries (rare: tenants created or deleted by an operator), one function call each. */
    private static Uni<Integer> platformRows(Mutiny.Session s, List<PostgresAuditLog.Row> rows) {
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (PostgresAuditLog.Row row : rows) {
            chain = chain.chain(written -> s.createNativeQuery("select audit_platform_entry(:id, :at, :oid, :c, :a,"
                            + " cast(cast(:d as text) as jsonb))", Long.class)
                    .setParameter("id", row.id())
                    .setParameter("at", row.at())
                    .setParameter("oid", row.event().actorOid())
                    .setParameter("c", row.event().clientId())
                    .setParameter("a", row.event().action())
                    .setParameter("d", json(row.event()))
                    .getSingleResult()
                    .map(n -> written + n.intValue()));
        }
        return chain;
    }

    private static String json(AuditEvent event) {
        try {
            return JSON.writeValueAsString(event.detail());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "{}";
        }
    }
}
