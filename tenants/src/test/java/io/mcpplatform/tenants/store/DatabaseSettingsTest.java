package io.mcpplatform.tenants.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseSettingsTest {

    @Test
    void parseWhenJdbcUrlThenHostPortDatabaseAndOptions() {
        DatabaseSettings s = DatabaseSettings.parse(
                "jdbc:postgresql://db.example.com:6432/mcp?sslmode=verify-full&poolSize=25&connectTimeout=3",
                "mcp_app", "pw");
        assertEquals("db.example.com", s.host());
        assertEquals(6432, s.port());
        assertEquals("mcp", s.database());
        assertEquals("mcp_app", s.user());
        assertEquals(25, s.poolSize());
        assertEquals(Duration.ofSeconds(3), s.connectTimeout());
        assertEquals(DatabaseSettings.SslMode.VERIFY_FULL, s.sslMode());
        assertEquals("postgresql://db.example.com:6432/mcp?sslmode=verify-full", s.url());
    }

    @Test
    void parseWhenUserInfoInUrlThenUsedUnlessGivenExplicitly() {
        DatabaseSettings s = DatabaseSettings.parse("postgresql://app:p%40ss@localhost/mcp", null, null);
        assertEquals("app", s.user());
        assertEquals("p@ss", s.password());
        assertEquals(5432, s.port());
        assertEquals(DatabaseSettings.DEFAULT_POOL_SIZE, s.poolSize());
        assertEquals(DatabaseSettings.SslMode.DISABLE, s.sslMode());

        DatabaseSettings explicit = DatabaseSettings.parse("postgres://app:x@localhost/mcp", "other", "y");
        assertEquals("other", explicit.user());
        assertEquals("y", explicit.password());
    }

    @Test
    void toStringWhenPasswordSetThenMasked() {
        DatabaseSettings s = DatabaseSettings.parse("postgresql://app:TopSecret1@localhost/mcp", null, null);
        assertFalse(s.toString().contains("TopSecret1"), s.toString());
        assertFalse(s.url().contains("TopSecret1"));
        assertTrue(s.toString().contains("****"));
    }

    @Test
    void parseWhenBadThenPreciseMessageWithoutPassword() {
        assertEquals("database url must start with jdbc:postgresql:// or postgresql://",
                assertThrows(IllegalArgumentException.class,
                        () -> DatabaseSettings.parse("mysql://u:Secret9@h/db", null, null)).getMessage());
        assertEquals("database name is required", assertThrows(IllegalArgumentException.class,
                () -> DatabaseSettings.parse("postgresql://h:1/", "u", "Secret9")).getMessage());
        assertEquals("database user is required", assertThrows(IllegalArgumentException.class,
                () -> DatabaseSettings.parse("postgresql://h/db", null, "Secret9")).getMessage());
        assertEquals("database pool size must be 1 to 200, got 0", assertThrows(IllegalArgumentException.class,
                () -> DatabaseSettings.parse("postgresql://h/db?poolSize=0", "u", "Secret9")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DatabaseSettings.parse("postgresql://h/db?sslmode=maybe", "u", "p")).getMessage()
                .startsWith("unknown sslmode 'maybe'"));
        assertThrows(IllegalArgumentException.class,
                () -> DatabaseSettings.parse("postgresql://h/db", "u", "p").withConnectTimeout(Duration.ZERO));
    }
}
