package io.mcpplatform.migrations;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The row-level-security catalogue of the migrated schema, read from {@code pg_class}, {@code pg_policies} and
 * {@code information_schema}: every table with a {@code tenant_id} column has ENABLE and FORCE row-level security, at
 * least one policy on {@code app.tenant_id} (and on {@code app.user_oid} when it has a {@code user_oid} column), and
 * is not owned by the application role, which is neither superuser nor BYPASSRLS. Tables added by later migrations are
 * covered automatically. Tables still without row-level security are listed in {@link #EXCEPTIONS}, and tables with
 * user rows but a tenant-level policy only in {@link #TENANT_LEVEL}, each with the reason; both lists are asserted
 * exactly, so a new table without row-level security fails here until it is reviewed.
 */
class RowLevelSecurityCatalogueTest {
    /**
     * Tenant tables without row-level security, and why. In each, every query of the application filters by the
     * tenant id taken from the request path; the row is found by a secret (hash) or key id before any user is known.
     */
    static final Map<String, String> EXCEPTIONS = Map.of();

    /**
     * Tables with a {@code user_oid} column whose policy is on {@code app.tenant_id} alone, and why: their rows are
     * found before the user is known (or by the client, not the user), always under the tenant of the request path.
     */
    static final Map<String, String> TENANT_LEVEL = Map.of(
            "pending_authorizations", "found by the hashed Entra state at /callback, before the user is known",
            "authorization_codes", "redeemed by code hash at /token by the client, not the user",
            "refresh_tokens", "redeemed by token hash at /token by the client; reuse revokes the whole family");

    private static TestPostgres pg;
    private static String db;

    @BeforeAll
    static void migrate() throws Exception {
        pg = TestPostgres.start();
        db = pg.createDatabase();
        new MigrationRunner().migrate(pg.ownerSettings(db));
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void catalogueWhenMigratedThenEveryTenantTableHasForcedRowLevelSecurityOrIsAReviewedException() throws Exception {
        try (Connection c = pg.superuser(db)) {
            Map<String, List<String>> problems = problems(c);

            Set<String> unprotected = new TreeSet<>();
            problems.forEach((table, list) -> {
                if (list.contains("no FORCE row-level security") || list.contains("row-level security not enabled")) {
                    unprotected.add(table);
                }
            });
            assertEquals(new TreeSet<>(EXCEPTIONS.keySet()), unprotected,
                    "tenant tables without row-level security must be exactly the reviewed exceptions: " + problems);
            problems.keySet().removeAll(EXCEPTIONS.keySet());
            Set<String> tenantLevel = new TreeSet<>();
            problems.forEach((table, list) -> {
                if (list.remove("no policy on app.user_oid")) {
                    tenantLevel.add(table);
                }
            });
            assertEquals(new TreeSet<>(TENANT_LEVEL.keySet()), tenantLevel,
                    "tables with user rows but a tenant-level policy only must be exactly the reviewed ones");
            problems.values().removeIf(List::isEmpty);
            assertEquals(Map.of(), problems, "tenant tables with row-level security gaps");
            assertTrue(tenantTables(c).size() > EXCEPTIONS.size(), "no protected tenant table found at all");
        }
    }

    @Test
    void appRoleWhenMigratedThenNeitherSuperuserNorBypassRlsAndOwnsNoTenantTable() throws Exception {
        try (Connection c = pg.superuser(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select rolsuper, rolbypassrls from pg_roles where rolname = '"
                     + TestPostgres.APP + "'")) {
            assertTrue(rs.next());
            assertFalse(rs.getBoolean("rolsuper"), "the app role is a superuser");
            assertFalse(rs.getBoolean("rolbypassrls"), "the app role bypasses row-level security");
            for (String table : tenantTables(c)) {
                assertFalse(ownedByApp(c, table), table + " is owned by the app role");
            }
        }
    }

    @Test
    void catalogueWhenATenantTableLacksRowLevelSecurityThenTheCheckReportsIt() throws Exception {
        String scratch = pg.createDatabase();
        new MigrationRunner().migrate(pg.ownerSettings(scratch));
        try (Connection owner = pg.owner(scratch); Statement s = owner.createStatement()) {
            s.execute("create table sneaky_notes (tenant_id uuid not null, user_oid text not null, body text)");
            s.execute("create table half_done (tenant_id uuid not null, user_oid text not null)");
            s.execute("alter table half_done enable row level security");
            s.execute("create policy half_done_tenant on half_done using "
                    + "(tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)");
        }
        try (Connection c = pg.superuser(scratch)) {
            Map<String, List<String>> problems = problems(c);

            assertEquals(List.of("row-level security not enabled", "no FORCE row-level security", "no policy",
                    "no policy on app.tenant_id", "no policy on app.user_oid"), problems.get("sneaky_notes"));
            assertEquals(List.of("no FORCE row-level security", "no policy on app.user_oid"), problems.get("half_done"));
        }
    }

    /** Every tenant table's row-level-security gaps (tables without gaps are left out). */
    private static Map<String, List<String>> problems(Connection c) throws SQLException {
        Map<String, List<String>> out = new TreeMap<>();
        for (String table : tenantTables(c)) {
            List<String> gaps = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    select cl.relrowsecurity, cl.relforcerowsecurity,
                           (select count(*) from pg_policies p where p.schemaname = 'public' and p.tablename = cl.relname),
                           (select count(*) from pg_policies p where p.schemaname = 'public' and p.tablename = cl.relname
                                and p.qual like '%app.tenant_id%'),
                           (select count(*) from pg_policies p where p.schemaname = 'public' and p.tablename = cl.relname
                                and p.qual like '%app.user_oid%'),
                           exists (select 1 from information_schema.columns col where col.table_schema = 'public'
                                and col.table_name = cl.relname and col.column_name = 'user_oid')
                    from pg_class cl join pg_namespace n on n.oid = cl.relnamespace
                    where n.nspname = 'public' and cl.relname = ?""")) {
                s.setString(1, table);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        gaps.add("row-level security not enabled");
                    }
                    if (!rs.getBoolean(2)) {
                        gaps.add("no FORCE row-level security");
                    }
                    if (rs.getLong(3) == 0) {
                        gaps.add("no policy");
                    }
                    if (rs.getLong(4) == 0) {
                        gaps.add("no policy on app.tenant_id");
                    }
                    if (rs.getBoolean(6) && rs.getLong(5) == 0) {
                        gaps.add("no policy on app.user_oid");
                    }
                }
            }
            if (ownedByApp(c, table)) {
                gaps.add("owned by the app role");
            }
            if (!gaps.isEmpty()) {
                out.put(table, gaps);
            }
        }
        return out;
    }

    /** Base tables of the public schema with a {@code tenant_id} column. */
    private static List<String> tenantTables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                select t.table_name from information_schema.tables t
                join information_schema.columns col on col.table_schema = t.table_schema and col.table_name = t.table_name
                where t.table_schema = 'public' and t.table_type = 'BASE TABLE' and col.column_name = 'tenant_id'
                order by 1""")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static boolean ownedByApp(Connection c, String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select r.rolname = ? from pg_class cl join pg_roles r "
                + "on r.oid = cl.relowner join pg_namespace n on n.oid = cl.relnamespace "
                + "where n.nspname = 'public' and cl.relname = ?")) {
            s.setString(1, TestPostgres.APP);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
