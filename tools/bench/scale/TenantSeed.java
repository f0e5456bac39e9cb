import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

/**
 * Benchmark-only: writes tenants straight into the platform's database, as its owner role (the admin API does not
 * exist yet). Run with the PostgreSQL JDBC driver on the class path (devstack/target/libs). The password comes from
 * the environment (BENCH_DB_PASSWORD), never from the command line.
 *   seed JDBC_URL USER COUNT        COUNT open tenants bench-00001 ... (tool pack echo, no sign-in), one statement
 *   live JDBC_URL USER SLUG         one more such tenant; prints the epoch millisecond of its commit
 */
public final class TenantSeed {
    private static final String INSERT = "insert into tenants (id, slug, display_name, status, tool_packs) "
            + "select gen_random_uuid(), format('bench-%s', lpad(n::text, 5, '0')), format('Bench tenant %s', n), "
            + "'ACTIVE', array['echo'] from generate_series(1, ?) as n";

    public static void main(String[] args) throws Exception {
        String password = System.getenv("BENCH_DB_PASSWORD");
        try (Connection db = DriverManager.getConnection(args[1], args[2], password)) {
            if (args[0].equals("seed")) {
                try (PreparedStatement insert = db.prepareStatement(INSERT)) {
                    insert.setInt(1, Integer.parseInt(args[3]));
                    System.out.println("seeded " + insert.executeUpdate());
                }
            } else {
                try (PreparedStatement insert = db.prepareStatement("insert into tenants (id, slug, display_name, "
                        + "status, tool_packs) values (gen_random_uuid(), ?, ?, 'ACTIVE', array['echo'])")) {
                    insert.setString(1, args[3]);
                    insert.setString(2, "Bench tenant " + args[3]);
                    insert.executeUpdate();
                }
                System.out.println("committed_at_ms=" + System.currentTimeMillis());
            }
        }
    }
}
