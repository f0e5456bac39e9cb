package io.mcpplatform.server.tools.expenses;

import io.mcpplatform.server.tools.PackInstaller;
import io.mcpplatform.server.tools.ToolPack;
import io.mcpplatform.server.tools.identity.AdminGroup;
import io.mcpplatform.server.tools.identity.SignedInCall;
import io.mcpplatform.server.tools.support.ToolResults;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema;

import java.math.BigInteger;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Pack {@code expenses}: {@code add_expense}, {@code list_expenses}, {@code delete_expense},
 * {@code summarize_expenses} for the signed-in user's own expenses, and the admin-only {@code expense_stats}
 * (aggregates over the tenant's users) listed for and answered to members of the tenant's admin group only, decided by
 * the {@link AdminGroup} shared with the graph pack. Whose rows are touched comes from the request's
 * {@link io.mcpplatform.server.auth.UserContext}, never from arguments; the store's row-level security enforces it again in the database.
 */
public final class ExpensesToolPack implements ToolPack {
    /** The pack's name. */
    public static final String NAME = "expenses";

    private final ExpenseStore store;
    private final AdminGroup adminGroup;
    private final Clock clock;

    /**
     * @param store      where expenses live
     * @param adminGroup the admin-group decision (shared with other packs' admin tools)
     * @param clock      for "today" (an expense may be dated at most one day ahead)
     */
    public ExpensesToolPack(ExpenseStore store, AdminGroup adminGroup, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.adminGroup = Objects.requireNonNull(adminGroup, "adminGroup");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void install(PackInstaller target) {
        target.tool(ExpenseTools.ADD_EXPENSE, (ctx, req) -> run(ctx, req,
                Set.of("amount", "currency", "category", "date", "description", "client_key"), this::add));
        target.tool(ExpenseTools.LIST_EXPENSES, (ctx, req) -> run(ctx, req,
                Set.of("from", "to", "category", "limit", "cursor"), this::list));
        target.tool(ExpenseTools.DELETE_EXPENSE, (ctx, req) -> run(ctx, req, Set.of("id"), this::delete));
        target.tool(ExpenseTools.SUMMARIZE_EXPENSES, (ctx, req) -> run(ctx, req, Set.of("from", "to"),
                this::summarize));
        target.tool(ExpenseTools.EXPENSE_STATS, (ctx, req) -> run(ctx, req, Set.of("from", "to"), this::stats));
        target.restrictVisibility(ExpenseTools.EXPENSE_STATS.name(), adminGroup::isMember);
    }

    private static McpSchema.CallToolResult run(McpTransportContext ctx, McpSchema.CallToolRequest request,
                                                Set<String> allowed, SignedInCall.Tool tool) {
        return SignedInCall.run(ctx, request, allowed, "expenses are kept per signed-in user", tool);
    }

    private McpSchema.CallToolResult add(SignedInCall call) {
        NewExpense input = ExpenseInput.newExpense(call.args(), LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        AddOutcome outcome;
        try {
            outcome = store.add(call.tenant().id(), call.user().oid(), input);
        } catch (ClientKeyConflictException e) {
            return ToolResults.error(e.getMessage());
        }
        Expense e = outcome.expense();
        String text = (outcome.created() ? "Recorded " : "Already recorded (same client_key, nothing added): ")
                + e.amount() + " for " + e.category().wire() + " on " + e.date() + " (" + e.description()
                + "); id " + e.id() + ".";
        return ToolResults.ok(text, Map.of("expense", e.toJson(), "created", outcome.created()));
    }

    private McpSchema.CallToolResult list(SignedInCall call) {
        String owner = call.tenant().id() + "/" + call.user().oid();
        ExpenseQuery query = ExpenseInput.query(call.args(), owner);
        ExpensePage page = store.list(call.tenant().id(), call.user().oid(), query);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("expenses", page.expenses().stream().map(Expense::toJson).toList());
        out.put("count", page.expenses().size());
        page.next().ifPresent(c -> out.put("nextCursor", c.encode(query.range(), query.category(), owner)));
        String text = page.expenses().isEmpty() ? "No expenses found."
                : page.expenses().size() + " expense" + (page.expenses().size() == 1 ? "" : "s") + ", newest first:\n"
                + page.expenses().stream().map(Expense::line).collect(Collectors.joining("\n"))
                + (page.next().isPresent() ? "\nMore: call again with cursor " + out.get("nextCursor") + "." : "");
        return ToolResults.ok(text, out);
    }

    private McpSchema.CallToolResult delete(SignedInCall call) {
        UUID id = ExpenseInput.id(call.args());
        if (!store.delete(call.tenant().id(), call.user().oid(), id)) {
            return ToolResults.error("argument 'id': you have no expense with id " + id);
        }
        return ToolResults.ok("Deleted expense " + id + ".", Map.of("id", id.toString(), "deleted", true));
    }

    private McpSchema.CallToolResult summarize(SignedInCall call) {
        DateRange range = ExpenseInput.range(call.args());
        List<MonthlyTotal> rows = store.summarize(call.tenant().id(), call.user().oid(), range);
        boolean truncated = rows.size() > ExpenseStore.MAX_SUMMARY_ROWS;
        List<MonthlyTotal> shown = truncated ? rows.subList(0, ExpenseStore.MAX_SUMMARY_ROWS) : rows;
        List<Map<String, Object>> months = new ArrayList<>();
        Map<Currency, Totals> totals = new TreeMap<>(java.util.Comparator.comparing(Currency::getCurrencyCode));
        for (MonthlyTotal m : shown) {
            months.add(Map.of("month", m.month().toString(), "category", m.category().wire(),
                    "currency", m.currency().getCurrencyCode(), "total", Money.decimal(m.totalMinor(), m.currency()),
                    "count", m.count()));
            totals.computeIfAbsent(m.currency(), c -> new Totals()).add(m.count(), m.totalMinor());
        }
        List<Map<String, Object>> perCurrency = currencyTotals(totals);
        String text = months.isEmpty() ? "No expenses between " + range.from() + " and " + range.to() + "."
                : "Between " + range.from() + " and " + range.to() + ": " + describe(perCurrency) + ".\n"
                + shown.stream().map(m -> m.month() + "  " + m.category().wire() + "  "
                        + Money.decimal(m.totalMinor(), m.currency()) + " " + m.currency().getCurrencyCode()
                        + " (" + m.count() + ")").collect(Collectors.joining("\n"))
                + (truncated ? "\n(cut at " + ExpenseStore.MAX_SUMMARY_ROWS + " rows; narrow the dates)" : "");
        return ToolResults.ok(text, Map.of("from", range.from().toString(), "to", range.to().toString(),
                "months", months, "totals", perCurrency, "truncated", truncated));
    }

    private McpSchema.CallToolResult stats(SignedInCall call) {
        if (!adminGroup.isMember(call.tenant(), call.user())) {
            return ToolResults.error(AdminGroup.REFUSAL);
        }
        DateRange range = ExpenseInput.range(call.args());
        List<CategoryStats> rows = store.tenantStats(call.tenant().id(), range);
        List<Map<String, Object>> categories = new ArrayList<>();
        Map<Currency, Totals> totals = new TreeMap<>(java.util.Comparator.comparing(Currency::getCurrencyCode));
        for (CategoryStats r : rows) {
            categories.add(Map.of("category", r.category().wire(), "currency", r.currency().getCurrencyCode(),
                    "users", r.users(), "count", r.expenses(), "total", Money.decimal(r.totalMinor(), r.currency())));
            totals.computeIfAbsent(r.currency(), c -> new Totals()).add(r.expenses(), r.totalMinor());
        }
        List<Map<String, Object>> perCurrency = currencyTotals(totals);
        String text = rows.isEmpty() ? "No expenses in " + call.tenant().displayName() + " between " + range.from()
                + " and " + range.to() + "."
                : call.tenant().displayName() + ", " + range.from() + " to " + range.to() + ": " + describe(perCurrency)
                + ".\n" + rows.stream().map(r -> r.category().wire() + "  " + Money.decimal(r.totalMinor(),
                        r.currency()) + " " + r.currency().getCurrencyCode() + " (" + r.expenses() + " by "
                        + r.users() + " user" + (r.users() == 1 ? "" : "s") + ")").collect(Collectors.joining("\n"));
        return ToolResults.ok(text, Map.of("from", range.from().toString(), "to", range.to().toString(),
                "categories", categories, "totals", perCurrency));
    }

    private static List<Map<String, Object>> currencyTotals(Map<Currency, Totals> totals) {
        List<Map<String, Object>> out = new ArrayList<>();
        totals.forEach((currency, t) -> out.add(Map.of("currency", currency.getCurrencyCode(),
                "total", Money.decimal(t.minor, currency), "count", t.count)));
        return out;
    }

    private static String describe(List<Map<String, Object>> perCurrency) {
        return perCurrency.stream().map(t -> t.get("total") + " " + t.get("currency") + " in " + t.get("count")
                + " expense" + (((Number) t.get("count")).longValue() == 1 ? "" : "s"))
                .collect(Collectors.joining(", "));
    }

    /** A running count and sum in minor units of one currency. */
    private static final class Totals {
        long count;
        BigInteger minor = BigInteger.ZERO;

        void add(long n, BigInteger amount) {
            count += n;
            minor = minor.add(amount);
        }
    }
}
