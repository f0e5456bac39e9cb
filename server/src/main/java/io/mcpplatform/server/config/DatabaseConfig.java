package io.mcpplatform.server.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How the server reaches PostgreSQL ({@code platform.db.*}).
 *
 * @param url             JDBC url ({@code jdbc:postgresql://host:5432/mcp}); empty means "use the embedded database"
 * @param user            the application role: owns no table, cannot bypass row-level security
 * @param password        its password
 * @param ownerUser       the role that owns the schema and runs migrations
 * @param ownerPassword   its password
 * @param appRole         the role migrations grant table privileges to (defaults to {@code user})
 * @param poolSize        connections in the reactive pool
 * @param connectTimeout  how long start-up and health checks wait for a connection
 * @param migrateOnStart  whether the server applies migrations before serving
 */
public record DatabaseConfig(Optional<String> url,
                             String user,
                             String password,
                             String ownerUser,
                             String ownerPassword,
                             String appRole,
                             int poolSize,
                             Duration connectTimeout,
                             boolean migrateOnStart) {

    static DatabaseConfig create(ConfigValues db) {
        Optional<String> url = db.optionalString("url");
        url.ifPresent(u -> {
            if (!u.startsWith("jdbc:postgresql://")) {
                throw new InvalidConfigException(db.key("url") + " must start with jdbc:postgresql://");
            }
        });
        String user = db.string("user", "");
        String password = db.string("password", "");
        boolean migrate = db.bool("migrate-on-start", true);
        String ownerUser = db.string("owner-user", "");
        String ownerPassword = db.string("owner-password", "");
        if (url.isPresent()) {
            if (user.isEmpty()) {
                throw new InvalidConfigException(db.key("user") + " is required when " + db.key("url") + " is set");
            }
            if (migrate && ownerUser.isEmpty()) {
                throw new InvalidConfigException(db.key("owner-user") + " is required when " + db.key("migrate-on-start")
                        + " is true (migrations run as the schema owner; the application role owns no table)");
            }
            if (migrate && ownerUser.equals(user)) {
                throw new InvalidConfigException(db.key("owner-user") + " must differ from " + db.key("user")
                        + ": the application role must own no table");
            }
        }
        String appRole = db.string("app-role", user.isEmpty() ? "mcp_app" : user);
        if (!appRole.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new InvalidConfigException(db.key("app-role") + " must be a plain lower-case PostgreSQL role name");
        }
        return new DatabaseConfig(url, user, password, ownerUser, ownerPassword, appRole,
                db.intInRange("pool-size", 10, 1, 200),
                db.duration("connect-timeout", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(2)),
                migrate);
    }

    /** Whether an external database is configured. */
    public boolean isExternal() {
        return url.isPresent();
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + url.orElse("<embedded>") + ", user=" + user + ", password=****"
                + ", ownerUser=" + ownerUser + ", ownerPassword=****, appRole=" + appRole + ", poolSize=" + poolSize
                + ", connectTimeout=" + connectTimeout + ", migrateOnStart=" + migrateOnStart + "]";
    }
}
