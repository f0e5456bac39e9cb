package io.mcpplatform.server.audit;

import io.mcpplatform.migrations.TestPostgres;
import io.mcpplatform.tenants.store.Database;
import io.mcpplatform.tenants.store.DatabaseSettings;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link PostgresAuditLog} against a migrated database as the application role: {@code audit_log} is under
 * tenant-level row-level security (V18), so events of several tenants and of the platform itself, queued together,
 * must each be written under their own tenant (or through {@code audit_platform_entry}) and none dropped.
 */
class PostgresAuditLogTest {
    private static final UUID TENANT_A = UUID.randomUUID();
    private static final UUID TENANT_B = UUID.randomUUID();

    private static TestPostgres pg;
    private static String db;

    @BeforeAll
    static void start() throws Exception {
        pg = TestPostgres.start();
        db = pg.migratedDatabase();
        pg.insertTenants(db, TENANT_A, TENANT_B);
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void recordWhenEventsOfTwoTenantsAndThePlatformQueuedTogetherThenEachIsWrittenUnderItsOwnTenant()
            throws Exception {
        try (Database database = Database.create(DatabaseSettings.parse(pg.jdbcUrl(db), TestPostgres.APP,
                TestPostgres.APP_PASSWORD).withPoolSize(2));
             PostgresAuditLog log = new PostgresAuditLog(database, Clock.systemUTC(), 100)) {
            log.record(new AuditEvent(TENANT_A, "oid-a", "client-a", "tools/call", Map.of()));
            log.record(new AuditEvent(TENANT_B, "oid-b", "client-b", "tools/call", Map.of()));
            log.record(new AuditEvent(null, "operator", null, "admin.tenant.created", Map.of()));
            log.record(new AuditEvent(TENANT_A, "oid-a2", "client-a", "tools/call", Map.of()));
            log.flush();

            assertEquals(0, log.dropped());
        }
        try (Connection c = pg.superuser(db)) {
            assertEquals(2, count(c, "select count(*) from audit_log where tenant_id = '" + TENANT_A
                    + "' and actor_oid in ('oid-a', 'oid-a2')"));
            assertEquals(1, count(c, "select count(*) from audit_log where tenant_id = '" + TENANT_B
                    + "' and actor_oid = 'oid-b'"));
            assertEquals(1, count(c, "select count(*) from audit_log where tenant_id is null"
                    + " and action = 'admin.tenant.created'"));
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
