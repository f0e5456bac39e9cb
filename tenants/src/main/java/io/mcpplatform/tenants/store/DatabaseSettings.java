package io.mcpplatform.tenants.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How the application reaches PostgreSQL (as the application role, never the owner). Validated on construction;
 * {@link #toString()} masks the password.
 *
 * @param host           server host name or address
 * @param port           server port (1–65535)
 * @param database       database name
 * @param user           login role
 * @param password       its password (may be empty, e.g. for trust auth in tests)
 * @param poolSize       maximum connections in the pool (1–{@value #MAX_POOL_SIZE})
 * @param connectTimeout how long to wait for a connection (also the pool's wait for a free connection)
 * @param sslMode        TLS to the server
 */
public record DatabaseSettings(String host,
                               int port,
                               String database,
                               String user,
                               String password,
                               int poolSize,
                               Duration connectTimeout,
                               SslMode sslMode) {

    /** Default PostgreSQL port. */
    public static final int DEFAULT_PORT = 5432;
    /** Default pool size. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** Largest pool accepted. */
    public static final int MAX_POOL_SIZE = 200;
    /** Default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** TLS modes, as PostgreSQL's {@code sslmode}. */
    public enum SslMode {
        DISABLE, ALLOW, PREFER, REQUIRE, VERIFY_CA, VERIFY_FULL;

        /** The value as written in a connection url ({@code verify-full}). */
        public String urlValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Parses {@code disable}, {@code require}, {@code verify-full}, ... (case-insensitive). */
        public static SslMode parse(String value) {
            String v = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            for (SslMode m : values()) {
                if (m.name().equals(v)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown sslmode '" + value
                    + "' (disable, allow, prefer, require, verify-ca, verify-full)");
        }
    }

    public DatabaseSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("database host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("database port must be 1 to 65535, got " + port);
        }
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("database name is required");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("database user is required");
        }
        password = password == null ? "" : password;
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("database pool size must be 1 to " + MAX_POOL_SIZE + ", got " + poolSize);
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("database connect timeout must be positive, got " + connectTimeout);
        }
        sslMode = sslMode == null ? SslMode.DISABLE : sslMode;
    }

    /**
     * Parses {@code jdbc:postgresql://host[:port]/database[?sslmode=...&poolSize=...&connectTimeout=<seconds>]} or the
     * same without {@code jdbc:} (also {@code postgres://}). User and password may be given in the url's user-info
     * part ({@code postgresql://user:pw@host/db}) or as {@code user=}/{@code password=} query parameters; explicit
     * {@code user}/{@code password} arguments win when not {@code null}.
     *
     * @throws IllegalArgumentException with a message that never contains the password
     */
    public static DatabaseSettings parse(String url, String user, String password) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("database url is required (jdbc:postgresql://host:port/database)");
        }
        String raw = url.strip();
        if (raw.startsWith("jdbc:")) {
            raw = raw.substring(5);
        }
        if (!raw.startsWith("postgresql://") && !raw.startsWith("postgres://")) {
            throw new IllegalArgumentException("database url must start with jdbc:postgresql:// or postgresql://");
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("database url is not a valid url (" + e.getReason() + ")");
        }
        String urlUser = null;
        String urlPassword = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            urlUser = decode(parts[0]);
            urlPassword = parts.length > 1 ? decode(parts[1]) : null;
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String db = path.startsWith("/") ? path.substring(1) : path;
        int poolSize = DEFAULT_POOL_SIZE;
        Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        SslMode ssl = SslMode.DISABLE;
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                String[] kv = pair.split("=", 2);
                String key = decode(kv[0]);
                String value = kv.length > 1 ? decode(kv[1]) : "";
                switch (key) {
                    case "sslmode" -> ssl = SslMode.parse(value);
                    case "poolSize", "pool_size", "maxPoolSize" -> poolSize = parseInt(key, value);
                    case "connectTimeout", "connect_timeout" -> connectTimeout = Duration.ofSeconds(parseInt(key, value));
                    case "user" -> urlUser = value;
                    case "password" -> urlPassword = value;
                    default -> {
                        // other driver options (currentSchema, ApplicationName, ...) do not apply to the reactive client
                    }
                }
            }
        }
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("database url has no host");
        }
        return new DatabaseSettings(host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), db,
                user != null ? user : urlUser, password != null ? password : urlPassword,
                poolSize, connectTimeout, ssl);
    }

    /** A copy with another pool size. */
    public DatabaseSettings withPoolSize(int size) {
        return new DatabaseSettings(host, port, database, user, password, size, connectTimeout, sslMode);
    }

    /** A copy with another connect timeout. */
    public DatabaseSettings withConnectTimeout(Duration timeout) {
        return new DatabaseSettings(host, port, database, user, password, poolSize, timeout, sslMode);
    }

    /** A copy with another TLS mode. */
    public DatabaseSettings withSslMode(SslMode mode) {
        return new DatabaseSettings(host, port, database, user, password, poolSize, connectTimeout, mode);
    }

    /** {@code host:port}, for messages. */
    public String hostAndPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The url without credentials: {@code postgresql://host:port/database?sslmode=...}. */
    public String url() {
        return "postgresql://" + hostAndPort() + "/" + database + "?sslmode=" + sslMode.urlValue();
    }

    /** The same as a JDBC url (for Flyway or tools), without credentials. */
    public String jdbcUrl() {
        return "jdbc:" + url();
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url() + ", user=" + user
                + ", password=" + (password.isEmpty() ? "(none)" : "****")
                + ", poolSize=" + poolSize + ", connectTimeout=" + connectTimeout + "]";
    }

    private static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("database url parameter " + key + " must be a number, got '" + value + "'");
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
