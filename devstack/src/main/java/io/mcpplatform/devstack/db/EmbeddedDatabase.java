package io.mcpplatform.devstack.db;

import io.mcpplatform.migrations.MigrationSettings;
import io.mcpplatform.tenants.store.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The local default PostgreSQL: zonky's embedded binaries run as a real, persistent server.
 * <ul>
 *     <li>cluster in {@code <directory>/pgdata}, kept across restarts; {@code fsync=on}, {@code synchronous_commit=on};</li>
 *     <li>listens on 127.0.0.1 only, at a fixed port (or a free one when configured 0);</li>
 *     <li>every connection, TCP or Unix socket, needs a SCRAM-SHA-256 password (initdb runs with
 *     {@code --auth-host=scram-sha-256 --auth-local=scram-sha-256 --pwfile}, never trust);</li>
 *     <li>on first start: generates the superuser, owner and app passwords into {@code <directory>/credentials.properties}
 *     (mode 0600) and creates the owner role, the app role (LOGIN NOSUPERUSER NOBYPASSRLS) and the database owned
 *     by the owner. Later starts reuse the file and re-assert roles and database (idempotent).</li>
 * </ul>
 * It does not run the migrations: the server does that with {@link #migrationSettings()}.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(EmbeddedDatabase.class.getName());

    static final String CLUSTER_DIR = "pgdata";
    static final String CREDENTIALS_FILE = "credentials.properties";
    static final String LOG_FILE = "postgres.log";
    private static final String SUPERUSER = "postgres";
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EmbeddedDatabaseSettings settings;
    private final EmbeddedPostgres postgres;
    private final Credentials superuser;
    private final Credentials owner;
    private final Credentials app;
    private final boolean initialized;
    private final Duration startupTime;

    private EmbeddedDatabase(EmbeddedDatabaseSettings settings, EmbeddedPostgres postgres, Credentials superuser,
                             Credentials owner, Credentials app, boolean initialized, Duration startupTime) {
        this.settings = settings;
        this.postgres = postgres;
        this.superuser = superuser;
        this.owner = owner;
        this.app = app;
        this.initialized = initialized;
        this.startupTime = startupTime;
    }

    /** Starts with {@link EmbeddedDatabaseSettings#defaults()}. */
    public static EmbeddedDatabase start() {
        return start(EmbeddedDatabaseSettings.defaults());
    }

    /**
     * Starts the server, creating the cluster, credentials, roles and database on first use.
     *
     * @throws IllegalStateException when the directory is unusable (message names the file and the fix)
     * @throws UncheckedIOException  when PostgreSQL does not start
     */
    public static EmbeddedDatabase start(EmbeddedDatabaseSettings settings) {
        long startNanos = System.nanoTime();
        Path dir = settings.directory();
        Path cluster = dir.resolve(CLUSTER_DIR);
        try {
            createPrivateDirectory(dir);
            Files.createDirectories(settings.workingDirectory());
            boolean fresh = !Files.exists(cluster.resolve("postgresql.conf"));
            StoredCredentials creds = StoredCredentials.loadOrCreate(dir.resolve(CREDENTIALS_FILE), fresh);

            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(settings.workingDirectory().toFile())
                    .setPort(settings.port())
                    .setPGStartupWait(settings.startupWait())
                    .setRegisterShutdownHook(true)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("max_connections", "100")
                    .setConnectConfig("password", creds.superuserPassword())
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve(LOG_FILE).toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve(LOG_FILE).toFile()));

            Path pwfile = null;
            if (fresh) {
                if (Files.exists(cluster) && !isEmptyDirectory(cluster)) {
                    throw new IllegalStateException("embedded database directory " + cluster
                            + " is not empty but holds no cluster; delete it to start afresh");
                }
                pwfile = dir.resolve(".initdb-pwfile");
                writePrivate(pwfile, creds.superuserPassword() + "\n");
                // zonky runs "initdb -A trust ..." and appends these: the later options win, so no trust line remains
                builder.setLocaleConfig("auth-host", "scram-sha-256")
                        .setLocaleConfig("auth-local", "scram-sha-256")
                        .setLocaleConfig("pwfile", pwfile.toString());
            }
            EmbeddedPostgres pg;
            try {
                pg = builder.start();
            } finally {
                if (pwfile != null) {
                    Files.deleteIfExists(pwfile);
                }
            }
            EmbeddedDatabase db = new EmbeddedDatabase(settings, pg,
                    new Credentials(SUPERUSER, creds.superuserPassword()),
                    new Credentials(settings.ownerRole(), creds.ownerPassword()),
                    new Credentials(settings.appRole(), creds.appPassword()),
                    fresh, Duration.ZERO);
            try {
                db.ensureRolesAndDatabase();
            } catch (SQLException | RuntimeException e) {
                db.close();
                throw new IllegalStateException("embedded database started but preparing roles failed: "
                        + e.getMessage());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
            LOGGER.info(() -> "embedded PostgreSQL " + (fresh ? "initialized and started" : "started") + " on "
                    + db.jdbcUrl() + " in " + took.toMillis() + " ms (data " + dir + ")");
            return new EmbeddedDatabase(settings, pg, db.superuser, db.owner, db.app, fresh, took);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded database did not start in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** JDBC url of the platform database: {@code jdbc:postgresql://127.0.0.1:PORT/mcp}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + settings.database();
    }

    /** The port the server listens on (resolved when configured 0). */
    public int port() {
        return postgres.getPort();
    }

    /** Owner of the database; runs migrations. */
    public Credentials owner() {
        return owner;
    }

    /** The application's login: owns nothing, cannot bypass row-level security. */
    public Credentials app() {
        return app;
    }

    /** The cluster's superuser, for tooling and tests only (the platform never uses it). */
    public Credentials superuser() {
        return superuser;
    }

    /** Settings for the migration runner (as owner, granting to the app role). */
    public MigrationSettings migrationSettings() {
        return new MigrationSettings(jdbcUrl(), owner.user(), owner.password(), app.user(), "public");
    }

    /** Settings for the application's reactive database (as the app role). */
    public DatabaseSettings databaseSettings() {
        return DatabaseSettings.parse(jdbcUrl(), app.user(), app.password());
    }

    /** {@code true} when this start created the cluster (cold start). */
    public boolean initialized() {
        return initialized;
    }

    /** How long {@link #start(EmbeddedDatabaseSettings)} took. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The settings it runs with. */
    public EmbeddedDatabaseSettings settings() {
        return settings;
    }

    /** Stops the server (fast shutdown); the data stays. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded database did not stop cleanly: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedDatabase[" + jdbcUrl() + ", directory=" + settings.directory() + "]";
    }

    private void ensureRolesAndDatabase() throws SQLException {
        try (Connection c = connect(superuser, "postgres"); Statement s = c.createStatement()) {
            // failed statements (with a password in them) must not reach the server log
            s.execute("SET log_min_error_statement = panic");
            s.execute("SET log_statement = 'none'");
            ensureRole(c, owner, "LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS NOREPLICATION");
            ensureRole(c, app, "LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS NOREPLICATION");
            if (!exists(c, "select 1 from pg_database where datname = ?", settings.database())) {
                s.execute("CREATE DATABASE " + settings.database() + " OWNER " + owner.user());
            }
            s.execute("REVOKE ALL ON DATABASE " + settings.database() + " FROM PUBLIC");
            s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + settings.database() + " TO " + app.user());
        }
    }

    private static void ensureRole(Connection c, Credentials role, String attributes) throws SQLException {
        String verb = exists(c, "select 1 from pg_roles where rolname = ?", role.user()) ? "ALTER" : "CREATE";
        try (Statement s = c.createStatement()) {
            s.execute(verb + " ROLE " + role.user() + " WITH " + attributes + " PASSWORD "
                    + literal(role.password()));
        }
    }

    private static boolean exists(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private Connection connect(Credentials who, String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", who.user());
        props.setProperty("password", who.password());
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/" + database, props);
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): rely on the user profile's ACLs
        }
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The generated passwords, persisted next to the cluster. */
    private record StoredCredentials(String superuserPassword, String ownerPassword, String appPassword) {

        static StoredCredentials loadOrCreate(Path file, boolean freshCluster) throws IOException {
            if (Files.exists(file)) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(file)) {
                    p.load(in);
                }
                String su = p.getProperty("superuser.password");
                String ow = p.getProperty("owner.password");
                String ap = p.getProperty("app.password");
                if (su == null || ow == null || ap == null) {
                    throw new IllegalStateException("credentials file " + file
                            + " lacks superuser.password, owner.password or app.password");
                }
                return new StoredCredentials(su, ow, ap);
            }
            if (!freshCluster) {
                throw new IllegalStateException("embedded database cluster exists but its credentials file " + file
                        + " is missing; restore it or delete " + file.getParent() + " to start afresh");
            }
            StoredCredentials created = new StoredCredentials(newPassword(), newPassword(), newPassword());
            String content = "# Generated passwords of the local embedded PostgreSQL. Keep private (mode 0600).\n"
                    + "superuser.password=" + created.superuserPassword + "\n"
                    + "owner.password=" + created.ownerPassword + "\n"
                    + "app.password=" + created.appPassword + "\n";
            try {
                writePrivate(file, content);
            } catch (FileAlreadyExistsException e) {
                return loadOrCreate(file, false);
            }
            return created;
        }

        @Override
        public String toString() {
            return "StoredCredentials[****]";
        }
    }
}
