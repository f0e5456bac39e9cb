package io.mcpplatform.migrations;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * How to reach the database as the schema owner, and whom to grant row access to.
 *
 * @param jdbcUrl       {@code jdbc:postgresql://host:port/database[?...]}
 * @param ownerUser     the role that owns the schema and runs the migrations
 * @param ownerPassword its password (masked in {@link #toString()})
 * @param appRole       the role the application connects as: granted SELECT/INSERT/UPDATE/DELETE on tables and
 *                      USAGE on sequences, nothing more (an SQL identifier: lower-case letters, digits, underscores)
 * @param schema        the schema the tables live in (same identifier rules)
 */
public record MigrationSettings(String jdbcUrl, String ownerUser, String ownerPassword, String appRole, String schema) {

    /** The application role when none is configured. */
    public static final String DEFAULT_APP_ROLE = "mcp_app";
    /** The schema when none is configured. */
    public static final String DEFAULT_SCHEMA = "public";

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public MigrationSettings {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("database url must start with jdbc:postgresql://, got "
                    + (jdbcUrl == null ? "nothing" : "'" + maskUrl(jdbcUrl) + "'"));
        }
        if (ownerUser == null || ownerUser.isBlank()) {
            throw new IllegalArgumentException("database owner user is required");
        }
        ownerPassword = ownerPassword == null ? "" : ownerPassword;
        appRole = appRole == null || appRole.isBlank() ? DEFAULT_APP_ROLE : appRole;
        schema = schema == null || schema.isBlank() ? DEFAULT_SCHEMA : schema;
        requireIdentifier("app role", appRole);
        requireIdentifier("schema", schema);
        if (appRole.equals(ownerUser)) {
            throw new IllegalArgumentException("the app role must not be the owner role '" + ownerUser + "'");
        }
    }

    /** Settings with the default application role and schema. */
    public static MigrationSettings of(String jdbcUrl, String ownerUser, String ownerPassword) {
        return new MigrationSettings(jdbcUrl, ownerUser, ownerPassword, DEFAULT_APP_ROLE, DEFAULT_SCHEMA);
    }

    /**
     * Reads {@code DB_URL}, {@code DB_OWNER_USER}, {@code DB_OWNER_PASSWORD}, {@code DB_APP_ROLE} (default
     * {@value #DEFAULT_APP_ROLE}) and {@code DB_SCHEMA} (default {@value #DEFAULT_SCHEMA}).
     *
     * @throws IllegalArgumentException naming the missing or bad variable
     */
    public static MigrationSettings fromEnvironment(Map<String, String> env) {
        String url = env.get("DB_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("DB_URL is not set (jdbc:postgresql://host:port/database)");
        }
        String user = env.get("DB_OWNER_USER");
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("DB_OWNER_USER is not set");
        }
        return new MigrationSettings(url.strip(), user.strip(), env.get("DB_OWNER_PASSWORD"), env.get("DB_APP_ROLE"),
                env.get("DB_SCHEMA"));
    }

    /** {@code host:port} from the url, for messages. */
    public String hostAndPort() {
        String rest = jdbcUrl.substring("jdbc:postgresql://".length());
        int end = rest.length();
        for (char c : new char[] {'/', '?'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String hostPort = rest.substring(0, end);
        int at = hostPort.lastIndexOf('@');
        if (at >= 0) {
            hostPort = hostPort.substring(at + 1);
        }
        if (hostPort.isEmpty()) {
            return "localhost:5432";
        }
        return hostPort.contains(":") && !hostPort.endsWith("]") ? hostPort : hostPort + ":5432";
    }

    @Override
    public String toString() {
        return "MigrationSettings[jdbcUrl=" + maskUrl(jdbcUrl) + ", ownerUser=" + ownerUser
                + ", ownerPassword=" + (ownerPassword.isEmpty() ? "(none)" : "****")
                + ", appRole=" + appRole + ", schema=" + schema + "]";
    }

    private static void requireIdentifier(String what, String value) {
        if (!IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value
                    + "' must be a plain SQL identifier (lower-case letters, digits, underscores)");
        }
    }

    /** Removes a password given in the url's query ({@code password=...}) or user info. */
    static String maskUrl(String url) {
        String masked = url.replaceAll("(?i)(password=)[^&]*", "$1****");
        return masked.replaceAll("//([^/@:]*):[^/@]*@", "//$1:****@");
    }
}
