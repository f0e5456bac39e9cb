package io.mcpplatform.server.tools.expenses.store;

import io.mcpplatform.migrations.TestPostgres;
import io.mcpplatform.server.tools.expenses.AddOutcome;
import io.mcpplatform.server.tools.expenses.Category;
import io.mcpplatform.server.tools.expenses.CategoryStats;
import io.mcpplatform.server.tools.expenses.ClientKeyConflictException;
import io.mcpplatform.server.tools.expenses.DateRange;
import io.mcpplatform.server.tools.expenses.Expense;
import io.mcpplatform.server.tools.expenses.ExpensePage;
import io.mcpplatform.server.tools.expenses.ExpenseQuery;
import io.mcpplatform.server.tools.expenses.Money;
import io.mcpplatform.server.tools.expenses.MonthlyTotal;
import io.mcpplatform.server.tools.expenses.NewExpense;
import io.mcpplatform.tenants.ClientPolicy;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantStatus;
import io.mcpplatform.tenants.store.Database;
import io.mcpplatform.tenants.store.DatabaseSettings;
import io.mcpplatform.tenants.store.HibernateTenantRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The expense store on a real PostgreSQL as the application role: isolation by row-level security proven through the
 * store and with plain SQL (no context → no rows; foreign rows rejected by WITH CHECK), idempotency, paging, summaries,
 * the tenant-wide aggregate function and erasure.
 */
class PostgresExpenseStoreTest {
    static final Instant NOW = Instant.parse("2026-03-04T05:06:07.123456Z");
    static final String ALICE = "a11ce000-0000-4000-8000-00000000a11c";
    static final String BOB = "b0b00000-0000-4000-8000-000000000b0b";
    static final Currency EUR = Currency.getInstance("EUR");
    static final Currency JPY = Currency.getInstance("JPY");
    static TestPostgres pg;

    String db;
    Database database;
    PostgresExpenseStore store;
    UUID tenantA;
    UUID tenantB;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        pg.close();
    }

    @BeforeEach
    void open() throws Exception {
        db = pg.migratedDatabase();
        database = Database.create(DatabaseSettings.parse(pg.jdbcUrl(db), TestPostgres.APP, TestPostgres.APP_PASSWORD)
                .withPoolSize(2));
        HibernateTenantRepository tenants = new HibernateTenantRepository(database);
        tenantA = tenants.upsert(tenant("tenant-a")).id();
        tenantB = tenants.upsert(tenant("tenant-b")).id();
        store = new PostgresExpenseStore(database, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        database.close();
    }

    static NewExpense expense(long minor, Currency currency, Category category, String date, String description,
                              String key) {
        return new NewExpense(new Money(minor, currency), category, LocalDate.parse(date), description,
                Optional.ofNullable(key));
    }

    static NewExpense lunch(String date) {
        return expense(1250, EUR, Category.MEALS, date, "Team lunch", null);
    }

    static ExpenseQuery all(int limit) {
        return new ExpenseQuery(DateRange.ALL, Optional.empty(), limit, Optional.empty());
    }

    @Test
    void addWhenStoredThenOnlyItsOwnerListsIt() {
        Expense added = store.add(tenantA, ALICE, lunch("2026-03-01")).expense();

        List<Expense> alice = store.list(tenantA, ALICE, all(10)).expenses();
        List<Expense> bob = store.list(tenantA, BOB, all(10)).expenses();
        List<Expense> aliceInOtherTenant = store.list(tenantB, ALICE, all(10)).expenses();

        assertEquals(List.of(added), alice);
        assertEquals(new Money(1250, EUR), alice.getFirst().amount());
        assertEquals(List.of(), bob);
        assertEquals(List.of(), aliceInOtherTenant);
    }

    @Test
    void deleteWhenAnotherUsersIdThenNothingDeleted() {
        Expense added = store.add(tenantA, ALICE, lunch("2026-03-01")).expense();

        assertFalse(store.delete(tenantA, BOB, added.id()));
        assertFalse(store.delete(tenantB, ALICE, added.id()));
        assertEquals(1, store.list(tenantA, ALICE, all(10)).expenses().size());
        assertTrue(store.delete(tenantA, ALICE, added.id()));
        assertEquals(List.of(), store.list(tenantA, ALICE, all(10)).expenses());
    }

    @Test
    void addWhenSameClientKeyAndPayloadRetriedThenOneRow() {
        NewExpense e = expense(990, EUR, Category.TRANSPORT, "2026-03-02", "Taxi", "retry-1");

        AddOutcome first = store.add(tenantA, ALICE, e);
        AddOutcome retry = store.add(tenantA, ALICE, e);

        assertTrue(first.created());
        assertFalse(retry.created());
        assertEquals(first.expense().id(), retry.expense().id());
        assertEquals(1, store.list(tenantA, ALICE, all(10)).expenses().size());
    }

    @Test
    void addWhenSameClientKeyWithOtherPayloadThenConflictAndNothingStored() {
        store.add(tenantA, ALICE, expense(990, EUR, Category.TRANSPORT, "2026-03-02", "Taxi", "k1"));

        ClientKeyConflictException e = assertThrows(ClientKeyConflictException.class, () ->
                store.add(tenantA, ALICE, expense(991, EUR, Category.TRANSPORT, "2026-03-02", "Taxi", "k1")));

        assertTrue(e.getMessage().contains("client_key"), e.getMessage());
        List<Expense> rows = store.list(tenantA, ALICE, all(10)).expenses();
        assertEquals(1, rows.size());
        assertEquals(990, rows.getFirst().amount().minor());
    }

    @Test
    void addWhenAnotherUserUsesTheSameClientKeyThenBothStored() {
        NewExpense e = expense(990, EUR, Category.TRANSPORT, "2026-03-02", "Taxi", "shared-key");

        assertTrue(store.add(tenantA, ALICE, e).created());
        assertTrue(store.add(tenantA, BOB, e).created());
        assertTrue(store.add(tenantB, ALICE, e).created());
    }

    @Test
    void listWhenPagedThenEveryRowOnceNewestFirstAndStableOnEqualDates() {
        Set<UUID> added = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            added.add(store.add(tenantA, ALICE, lunch(i < 4 ? "2026-03-01" : "2026-02-0" + i)).expense().id());
        }
        store.add(tenantA, BOB, lunch("2026-03-01"));

        List<Expense> seen = new ArrayList<>();
        ExpensePage page = store.list(tenantA, ALICE, all(3));
        seen.addAll(page.expenses());
        int pages = 1;
        while (page.next().isPresent()) {
            page = store.list(tenantA, ALICE, new ExpenseQuery(DateRange.ALL, Optional.empty(), 3, page.next()));
            seen.addAll(page.expenses());
            pages++;
        }

        assertEquals(3, pages);
        assertEquals(added, new HashSet<>(seen.stream().map(Expense::id).toList()));
        assertEquals(7, seen.size());
        for (int i = 1; i < seen.size(); i++) {
            Expense a = seen.get(i - 1);
            Expense b = seen.get(i);
            assertTrue(a.date().isAfter(b.date()) || a.date().equals(b.date()) && uuidOrder(a.id(), b.id()) > 0,
                    a + " before " + b);
        }
    }

    /** PostgreSQL orders uuids by their bytes, unsigned, as their text does. */
    private static int uuidOrder(UUID a, UUID b) {
        return a.toString().compareTo(b.toString());
    }

    @Test
    void listWhenFilteredByCategoryAndDatesThenOnlyThose() {
        store.add(tenantA, ALICE, lunch("2026-01-15"));
        store.add(tenantA, ALICE, lunch("2026-02-15"));
        store.add(tenantA, ALICE, expense(5000, EUR, Category.TRAVEL, "2026-02-16", "Train", null));

        ExpensePage page = store.list(tenantA, ALICE, new ExpenseQuery(
                new DateRange(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-28")),
                Optional.of(Category.MEALS), 10, Optional.empty()));

        assertEquals(1, page.expenses().size());
        assertEquals(LocalDate.parse("2026-02-15"), page.expenses().getFirst().date());
    }

    @Test
    void summarizeWhenSeveralMonthsAndCurrenciesThenTotalsPerMonthCategoryAndCurrency() {
        store.add(tenantA, ALICE, lunch("2026-02-01"));
        store.add(tenantA, ALICE, lunch("2026-02-20"));
        store.add(tenantA, ALICE, expense(1200, JPY, Category.MEALS, "2026-02-21", "Ramen", null));
        store.add(tenantA, ALICE, lunch("2026-03-01"));
        store.add(tenantA, BOB, lunch("2026-03-01"));

        List<MonthlyTotal> rows = store.summarize(tenantA, ALICE, DateRange.ALL);

        assertEquals(List.of(
                new MonthlyTotal(YearMonth.of(2026, 3), Category.MEALS, EUR, 1, BigInteger.valueOf(1250)),
                new MonthlyTotal(YearMonth.of(2026, 2), Category.MEALS, EUR, 2, BigInteger.valueOf(2500)),
                new MonthlyTotal(YearMonth.of(2026, 2), Category.MEALS, JPY, 1, BigInteger.valueOf(1200))), rows);
    }

    @Test
    void tenantStatsWhenSeveralUsersThenAggregatesOfThisTenantOnly() {
        store.add(tenantA, ALICE, lunch("2026-02-01"));
        store.add(tenantA, BOB, lunch("2026-02-02"));
        store.add(tenantA, BOB, expense(5000, EUR, Category.TRAVEL, "2026-02-16", "Train", null));
        store.add(tenantB, ALICE, expense(777, EUR, Category.MEALS, "2026-02-03", "Other tenant", null));

        List<CategoryStats> stats = store.tenantStats(tenantA, DateRange.ALL);

        assertEquals(List.of(
                new CategoryStats(Category.MEALS, EUR, 2, 2, BigInteger.valueOf(2500)),
                new CategoryStats(Category.TRAVEL, EUR, 1, 1, BigInteger.valueOf(5000))), stats);
    }

    @Test
    void eraseUserWhenCalledThenOnlyThatUsersRowsGoAndSecondCallRemovesNothing() {
        store.add(tenantA, ALICE, lunch("2026-02-01"));
        store.add(tenantA, ALICE, lunch("2026-02-02"));
        store.add(tenantA, BOB, lunch("2026-02-03"));
        store.add(tenantB, ALICE, lunch("2026-02-04"));

        assertEquals(2, store.eraseUser(tenantA, ALICE));
        assertEquals(0, store.eraseUser(tenantA, ALICE));

        assertEquals(List.of(), store.list(tenantA, ALICE, all(10)).expenses());
        assertEquals(1, store.list(tenantA, BOB, all(10)).expenses().size());
        assertEquals(1, store.list(tenantB, ALICE, all(10)).expenses().size());
    }

    @Test
    void eraseTenantWhenCalledThenEveryUserOfThatTenantOnly() throws SQLException {
        store.add(tenantA, ALICE, lunch("2026-02-01"));
        store.add(tenantA, BOB, lunch("2026-02-03"));
        store.add(tenantB, ALICE, lunch("2026-02-04"));

        assertEquals(2, store.eraseTenant(tenantA));
        assertEquals(0, store.eraseTenant(tenantA));

        assertEquals(1, countAsSuperuser("tenant_id = '" + tenantB + "'"));
        assertEquals(0, countAsSuperuser("tenant_id = '" + tenantA + "'"));
    }

    @Test
    void sqlWhenAppRoleHasNoContextThenSeesNoRowAndStatsNothing() throws SQLException {
        store.add(tenantA, ALICE, lunch("2026-02-01"));
        store.add(tenantA, BOB, lunch("2026-02-02"));

        try (Connection c = pg.app(db); Statement s = c.createStatement()) {
            assertEquals(0, count(s, "select count(*) from expenses"));
            assertEquals(0, count(s, "select count(*) from expense_tenant_stats('2000-01-01', '2099-12-31')"));
            assertEquals(0, s.executeUpdate("update expenses set description = 'x'"));
            assertEquals(0, s.executeUpdate("delete from expenses"));
            assertEquals(0, count(s, "select expense_erase_tenant()"));
        }
        assertEquals(2, countAsSuperuser("true"));
    }

    @Test
    void sqlWhenAppRoleScopedToAliceThenSeesOnlyAliceAndCannotTouchBob() throws SQLException {
        store.add(tenantA, ALICE, lunch("2026-02-01"));
        store.add(tenantA, BOB, lunch("2026-02-02"));

        try (Connection c = pg.app(db)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                scope(c, tenantA, ALICE);
                assertEquals(1, count(s, "select count(*) from expenses"));
                assertEquals(0, count(s, "select count(*) from expenses where user_oid = '" + BOB + "'"));
                assertEquals(0, s.executeUpdate("update expenses set amount_minor = 1 where user_oid = '" + BOB + "'"));
                assertEquals(0, s.executeUpdate("delete from expenses where user_oid = '" + BOB + "'"));
            }
            c.commit();
        }
        assertEquals(1, countAsSuperuser("user_oid = '" + BOB + "' and amount_minor = 1250"));
    }

    @Test
    void sqlWhenInsertingForAnotherUserOrTenantThenRejectedByWithCheck() throws SQLException {
        try (Connection c = pg.app(db)) {
            c.setAutoCommit(false);
            for (String[] owner : List.of(new String[]{tenantA.toString(), BOB},
                    new String[]{tenantB.toString(), ALICE})) {
                scope(c, tenantA, ALICE);
                SQLException e = assertThrows(SQLException.class, () -> insert(c, owner[0], owner[1]));
                assertEquals("42501", e.getSQLState(), e.getMessage());
                assertTrue(e.getMessage().contains("row-level security"), e.getMessage());
                c.rollback();
            }
            scope(c, tenantA, ALICE);
            SQLException moved = null;
            insert(c, tenantA.toString(), ALICE);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("update expenses set user_oid = '" + BOB + "'");
            } catch (SQLException e) {
                moved = e;
            }
            assertTrue(moved != null && "42501".equals(moved.getSQLState()), "moving a row to Bob must fail");
            c.rollback();
        }
        assertEquals(0, countAsSuperuser("true"));
    }

    @Test
    void sqlWhenAppRoleInspectedThenNoBypassAndNotTheOwner() throws SQLException {
        try (Connection c = pg.superuser(db); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("select r.rolbypassrls, r.rolsuper, c.relforcerowsecurity,"
                    + " c.relrowsecurity, pg_get_userbyid(c.relowner) from pg_class c, pg_roles r"
                    + " where c.relname = 'expenses' and r.rolname = '" + TestPostgres.APP + "'");
            assertTrue(rs.next());
            assertFalse(rs.getBoolean(1), "NOBYPASSRLS");
            assertFalse(rs.getBoolean(2), "not a superuser");
            assertTrue(rs.getBoolean(3), "FORCE row level security");
            assertTrue(rs.getBoolean(4), "ENABLE row level security");
            assertEquals(TestPostgres.OWNER, rs.getString(5));
        }
        try (Connection c = pg.app(db); Statement s = c.createStatement()) {
            for (String sql : List.of("alter table expenses disable row level security",
                    "alter table expenses no force row level security",
                    "drop policy expenses_user on expenses",
                    "create policy mine on expenses using (true)")) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
                assertEquals("42501", e.getSQLState(), sql + ": " + e.getMessage());
            }
        }
    }

    private static void scope(Connection c, UUID tenant, String oid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select set_config('app.tenant_id', ?, true), set_config('app.user_oid', ?, true)")) {
            ps.setString(1, tenant.toString());
            ps.setString(2, oid);
            ps.executeQuery().close();
        }
    }

    private static void insert(Connection c, String tenant, String oid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into expenses (id, tenant_id, user_oid, amount_minor,"
                + " currency, category, spent_on, description, request_hash, created_at) values (gen_random_uuid(),"
                + " ?::uuid, ?, 100, 'EUR', 'meals', date '2026-01-01', 'x', sha256('x'), now())")) {
            ps.setString(1, tenant);
            ps.setString(2, oid);
            ps.executeUpdate();
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            long n = 0;
            while (rs.next()) {
                n += sql.startsWith("select count(*)") || sql.startsWith("select expense_erase") ? rs.getLong(1) : 1;
            }
            return n;
        }
    }

    private long countAsSuperuser(String where) throws SQLException {
        try (Connection c = pg.superuser(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from expenses where " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Tenant tenant(String slug) {
        return new Tenant(UUID.randomUUID(), slug, slug, TenantStatus.ACTIVE, null, ClientPolicy.defaults(),
                List.of("expenses"), Tenant.McpMode.STATEFUL, NOW, NOW);
    }
}
