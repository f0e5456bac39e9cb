package io.mcpplatform.server.tools.expenses.store;

import io.mcpplatform.server.db.Rows;
import io.mcpplatform.server.erasure.ErasableData;
import io.mcpplatform.server.tools.expenses.AddOutcome;
import io.mcpplatform.server.tools.expenses.Category;
import io.mcpplatform.server.tools.expenses.CategoryStats;
import io.mcpplatform.server.tools.expenses.ClientKeyConflictException;
import io.mcpplatform.server.tools.expenses.DateRange;
import io.mcpplatform.server.tools.expenses.Expense;
import io.mcpplatform.server.tools.expenses.ExpensePage;
import io.mcpplatform.server.tools.expenses.ExpenseQuery;
import io.mcpplatform.server.tools.expenses.ExpenseStore;
import io.mcpplatform.server.tools.expenses.Money;
import io.mcpplatform.server.tools.expenses.MonthlyTotal;
import io.mcpplatform.server.tools.expenses.NewExpense;
import io.mcpplatform.server.tools.expenses.PageCursor;
import io.mcpplatform.tenants.store.Database;
import io.mcpplatform.tenants.store.UserScope;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ExpenseStore} in table {@code expenses}. Every unit of work is one transaction that first sets
 * {@code app.tenant_id} and {@code app.user_oid} ({@link UserScope}); the table's row-level security (FORCE, the
 * application role owns nothing) then confines every statement to that user's rows, whatever the statement says.
 * Tenant-wide work goes only through the schema's two SECURITY DEFINER functions: aggregates
 * ({@code expense_tenant_stats}) and erasure ({@code expense_erase_tenant}).
 */
public final class PostgresExpenseStore implements ExpenseStore, ErasableData {
    private static final String COLUMNS =
            "id, amount_minor, currency, category, spent_on, description, client_key, created_at";

    private final Database database;
    private final Clock clock;

    public PostgresExpenseStore(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public AddOutcome add(UUID tenantId, String oid, NewExpense expense) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        byte[] fingerprint = expense.fingerprint();
        AddOutcome outcome = database.inTransaction(s -> UserScope.apply(s, tenantId, oid)
                .chain(() -> s.createNativeQuery("""
                                insert into expenses (id, tenant_id, user_oid, amount_minor, currency, category,
                                                      spent_on, description, client_key, request_hash, created_at)
                                values (:id, :tenant, :oid, :amount, :currency, :category, :date, :description,
                                        :key, :hash, :now)
                                on conflict (tenant_id, user_oid, client_key) do nothing""")
                        .setParameter("id", id)
                        .setParameter("tenant", tenantId)
                        .setParameter("oid", oid)
                        .setParameter("amount", expense.amount().minor())
                        .setParameter("currency", expense.amount().currency().getCurrencyCode())
                        .setParameter("category", expense.category().wire())
                        .setParameter("date", expense.date())
                        .setParameter("description", expense.description())
                        .setParameter("key", expense.clientKey().orElse(null))
                        .setParameter("hash", fingerprint)
                        .setParameter("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                        .executeUpdate())
                .chain(inserted -> inserted == 1
                        ? Uni.createFrom().item(new AddOutcome(Expense.of(id, expense, now), true))
                        : existing(s, tenantId, oid, expense.clientKey().orElseThrow(), fingerprint)));
        return outcome;
    }

    /** The row a retry with the same key found: the same payload is the same expense, another one a conflict. */
    private static Uni<AddOutcome> existing(Mutiny.Session s, UUID tenantId, String oid, String key,
                                            byte[] fingerprint) {
        return s.createNativeQuery("select " + COLUMNS + ", request_hash from expenses"
                        + " where tenant_id = :tenant and user_oid = :oid and client_key = :key", Object[].class)
                .setParameter("tenant", tenantId)
                .setParameter("oid", oid)
                .setParameter("key", key)
                .getSingleResult()
                .map(row -> {
                    if (!MessageDigest.isEqual(fingerprint, (byte[]) row[8])) {
                        throw new ClientKeyConflictException(key);
                    }
                    return new AddOutcome(expense(row), false);
                });
    }

    @Override
    public ExpensePage list(UUID tenantId, String oid, ExpenseQuery query) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from expenses"
                + " where tenant_id = :tenant and user_oid = :oid and spent_on between :from and :to");
        query.category().ifPresent(c -> sql.append(" and category = :category"));
        query.after().ifPresent(c -> sql.append(" and (spent_on, id) < (:afterDate, :afterId)"));
        sql.append(" order by spent_on desc, id desc limit :limit");
        List<Object[]> rows = database.inTransaction(s -> UserScope.apply(s, tenantId, oid).chain(() -> {
            Mutiny.SelectionQuery<Object[]> q = s.createNativeQuery(sql.toString(), Object[].class)
                    .setParameter("tenant", tenantId)
                    .setParameter("oid", oid)
                    .setParameter("from", query.range().from())
                    .setParameter("to", query.range().to())
                    .setParameter("limit", query.limit() + 1);
            query.category().ifPresent(c -> q.setParameter("category", c.wire()));
            query.after().ifPresent(c -> q.setParameter("afterDate", c.date()).setParameter("afterId", c.id()));
            return q.getResultList();
        }));
        List<Expense> expenses = new ArrayList<>();
        for (int i = 0; i < Math.min(rows.size(), query.limit()); i++) {
            expenses.add(expense(rows.get(i)));
        }
        Optional<PageCursor> next = rows.size() > query.limit()
                ? Optional.of(new PageCursor(expenses.getLast().date(), expenses.getLast().id()))
                : Optional.empty();
        return new ExpensePage(expenses, next);
    }

    @Override
    public boolean delete(UUID tenantId, String oid, UUID id) {
        Integer deleted = database.inTransaction(s -> UserScope.apply(s, tenantId, oid)
                .chain(() -> s.createNativeQuery(
                                "delete from expenses where tenant_id = :tenant and user_oid = :oid and id = :id")
                        .setParameter("tenant", tenantId)
                        .setParameter("oid", oid)
                        .setParameter("id", id)
                        .executeUpdate()));
        return deleted > 0;
    }

    @Override
    public List<MonthlyTotal> summarize(UUID tenantId, String oid, DateRange range) {
        List<Object[]> rows = database.inTransaction(s -> UserScope.apply(s, tenantId, oid)
                .chain(() -> s.createNativeQuery("""
                                select to_char(spent_on, 'YYYY-MM'), category, currency, count(*), sum(amount_minor)
                                  from expenses
                                 where tenant_id = :tenant and user_oid = :oid and spent_on between :from and :to
                                 group by 1, 2, 3
                                 order by 1 desc, 2, 3
                                 limit :limit""", Object[].class)
                        .setParameter("tenant", tenantId)
                        .setParameter("oid", oid)
                        .setParameter("from", range.from())
                        .setParameter("to", range.to())
                        .setParameter("limit", MAX_SUMMARY_ROWS + 1)
                        .getResultList()));
        return rows.stream().map(r -> new MonthlyTotal(YearMonth.parse((String) r[0]), category(r[1]),
                Currency.getInstance((String) r[2]), number(r[3]).longValueExact(), number(r[4]))).toList();
    }

    @Override
    public List<CategoryStats> tenantStats(UUID tenantId, DateRange range) {
        List<Object[]> rows = database.inTransaction(s -> UserScope.applyTenant(s, tenantId)
                .chain(() -> s.createNativeQuery(
                                "select category, currency, users, expenses, total_minor"
                                        + " from expense_tenant_stats(:from, :to)", Object[].class)
                        .setParameter("from", range.from())
                        .setParameter("to", range.to())
                        .getResultList()));
        return rows.stream().map(r -> new CategoryStats(category(r[0]), Currency.getInstance((String) r[1]),
                number(r[2]).longValueExact(), number(r[3]).longValueExact(), number(r[4]))).toList();
    }

    @Override
    public String name() {
        return "expenses";
    }

    @Override
    public long eraseUser(UUID tenantId, String oid) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(oid, "oid");
        Integer deleted = database.inTransaction(s -> UserScope.apply(s, tenantId, oid)
                .chain(() -> s.createNativeQuery("delete from expenses where tenant_id = :tenant and user_oid = :oid")
                        .setParameter("tenant", tenantId)
                        .setParameter("oid", oid)
                        .executeUpdate()));
        return deleted;
    }

    @Override
    public long eraseTenant(UUID tenantId) {
        Objects.requireNonNull(tenantId, "tenantId");
        Object deleted = database.inTransaction(s -> UserScope.applyTenant(s, tenantId)
                .chain(() -> s.createNativeQuery("select expense_erase_tenant()", Object.class).getSingleResult()));
        return number(deleted).longValueExact();
    }

    private static Expense expense(Object[] r) {
        return new Expense(Rows.uuid(r[0]), new Money(number(r[1]).longValueExact(), Currency.getInstance((String) r[2])),
                category(r[3]), date(r[4]), (String) r[5], Optional.ofNullable((String) r[6]), Rows.instant(r[7]));
    }

    private static Category category(Object value) {
        return Category.fromWire((String) value)
                .orElseThrow(() -> new IllegalStateException("unknown category in table expenses: " + value));
    }

    private static LocalDate date(Object value) {
        return switch (value) {
            case LocalDate d -> d;
            case java.sql.Date d -> d.toLocalDate();
            default -> LocalDate.parse(value.toString());
        };
    }

    private static BigInteger number(Object value) {
        return switch (value) {
            case BigInteger b -> b;
            case BigDecimal d -> d.toBigIntegerExact();
            case Number n -> BigInteger.valueOf(n.longValue());
            default -> new BigInteger(value.toString());
        };
    }
}
