package io.mcpplatform.server.tools.expenses;

import io.modelcontextprotocol.spec.McpSchema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The expenses pack's tool definitions: closed input schemas (enums, patterns, bounds) and output schemas. */
final class ExpenseTools {
    static final int MAX_PAGE = 100;
    static final int DEFAULT_PAGE = 20;
    static final int MAX_DESCRIPTION = 500;
    /** Largest amount in major units (with 4 decimals still within 10^12 minor units). */
    static final long MAX_AMOUNT = 100_000_000L;
    static final String AMOUNT_PATTERN = "^(0|[1-9][0-9]{0,8})(\\.[0-9]{1,4})?$";
    static final String CURRENCY_PATTERN = "^[A-Z]{3}$";
    static final String DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    static final String CLIENT_KEY_PATTERN = "^[A-Za-z0-9._:-]{1,64}$";
    static final String UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    private static final Map<String, Object> STRING = Map.of("type", "string");
    private static final Map<String, Object> COUNT = Map.of("type", "integer", "minimum", 0);
    private static final Map<String, Object> DECIMAL = Map.of("type", "string",
            "description", "exact decimal in major units of the currency");
    private static final Map<String, Object> CATEGORY = Map.of("type", "string", "enum", Category.wireNames());
    private static final Map<String, Object> CURRENCY = Map.of("type", "string", "pattern", CURRENCY_PATTERN,
            "minLength", 3, "maxLength", 3, "description", "ISO 4217 currency code, e.g. EUR, USD, JPY");

    private static Map<String, Object> date(String what) {
        return Map.of("type", "string", "format", "date", "pattern", DATE_PATTERN,
                "description", what + " (yyyy-MM-dd, " + DateRange.EARLIEST + " to " + DateRange.LATEST + ")");
    }

    private static final Map<String, Object> RANGE_PROPERTIES = Map.of(
            "from", date("first day, inclusive; default " + DateRange.EARLIEST),
            "to", date("last day, inclusive; default " + DateRange.LATEST));

    static final Map<String, Object> EXPENSE = object(props(
            "id", STRING, "amount", DECIMAL, "amountMinor", Map.of("type", "integer", "minimum", 1),
            "currency", STRING, "category", CATEGORY, "date", STRING, "description", STRING, "clientKey", STRING,
            "createdAt", STRING),
            List.of("id", "amount", "amountMinor", "currency", "category", "date", "description", "createdAt"));

    private static final Map<String, Object> CURRENCY_TOTALS = Map.of("type", "array", "items", object(props(
            "currency", STRING, "total", DECIMAL, "count", COUNT), List.of("currency", "total", "count")));

    static final McpSchema.Tool ADD_EXPENSE = McpSchema.Tool.builder()
            .name("add_expense")
            .title("Add an expense")
            .description("Records one of your expenses. The amount is an exact decimal string in the currency's "
                    + "units (\"12.50\" EUR, \"1200\" JPY), at most the currency's ISO 4217 decimals. Pass a "
                    + "client_key to make retries safe: the same key and payload stores the expense once.")
            .inputSchema(closed(props(
                    "amount", Map.of("type", "string", "pattern", AMOUNT_PATTERN,
                            "description", "amount > 0, at most " + MAX_AMOUNT + ", as a decimal string"),
                    "currency", CURRENCY,
                    "category", CATEGORY,
                    "date", Map.of("type", "string", "format", "date", "pattern", DATE_PATTERN,
                            "description", "the day of the expense (yyyy-MM-dd), from " + DateRange.EARLIEST
                                    + " to tomorrow (UTC)"),
                    "description", Map.of("type", "string", "minLength", 1, "maxLength", MAX_DESCRIPTION,
                            "description", "what it was for"),
                    "client_key", Map.of("type", "string", "pattern", CLIENT_KEY_PATTERN,
                            "description", "idempotency key chosen by the caller (1 to 64 of A-Z a-z 0-9 . _ : -)")),
                    List.of("amount", "currency", "category", "date", "description")))
            .outputSchema(object(props("expense", EXPENSE, "created", Map.of("type", "boolean")),
                    List.of("expense", "created")))
            .build();

    static final McpSchema.Tool LIST_EXPENSES = McpSchema.Tool.builder()
            .name("list_expenses")
            .title("List my expenses")
            .description("Your expenses, newest first, optionally within dates and of one category. Pages of up to "
                    + MAX_PAGE + "; pass nextCursor back as cursor, with the same filters, for the next page.")
            .inputSchema(closed(props(
                    "from", RANGE_PROPERTIES.get("from"),
                    "to", RANGE_PROPERTIES.get("to"),
                    "category", CATEGORY,
                    "limit", Map.of("type", "integer", "minimum", 1, "maximum", MAX_PAGE, "default", DEFAULT_PAGE),
                    "cursor", Map.of("type", "string", "minLength", 1, "maxLength", PageCursor.MAX_LENGTH,
                            "description", "nextCursor of the previous page, unchanged")), List.of()))
            .outputSchema(object(props(
                    "expenses", Map.of("type", "array", "items", EXPENSE),
                    "count", COUNT,
                    "nextCursor", STRING), List.of("expenses", "count")))
            .build();

    static final McpSchema.Tool DELETE_EXPENSE = McpSchema.Tool.builder()
            .name("delete_expense")
            .title("Delete an expense")
            .description("Deletes one of your expenses by id.")
            .inputSchema(closed(props("id", Map.of("type", "string", "pattern", UUID_PATTERN,
                    "description", "the expense id (from add_expense or list_expenses)")), List.of("id")))
            .outputSchema(object(props("id", STRING, "deleted", Map.of("type", "boolean")), List.of("id", "deleted")))
            .build();

    static final McpSchema.Tool SUMMARIZE_EXPENSES = McpSchema.Tool.builder()
            .name("summarize_expenses")
            .title("Summarize my expenses")
            .description("Your totals by month and category (per currency; currencies are never added together), "
                    + "and per currency overall.")
            .inputSchema(closed(RANGE_PROPERTIES, List.of()))
            .outputSchema(object(props(
                    "from", STRING, "to", STRING,
                    "months", Map.of("type", "array", "items", object(props(
                            "month", STRING, "category", CATEGORY, "currency", STRING, "total", DECIMAL,
                            "count", COUNT), List.of("month", "category", "currency", "total", "count"))),
                    "totals", CURRENCY_TOTALS,
                    "truncated", Map.of("type", "boolean")), List.of("from", "to", "months", "totals", "truncated")))
            .build();

    static final McpSchema.Tool EXPENSE_STATS = McpSchema.Tool.builder()
            .name("expense_stats")
            .title("Expense statistics of the organisation")
            .description("Administrators only (members of the tenant's administrators group): totals by category "
                    + "and currency over all users of the organisation, with how many users contributed. No "
                    + "individual expense or user is shown.")
            .inputSchema(closed(RANGE_PROPERTIES, List.of()))
            .outputSchema(object(props(
                    "from", STRING, "to", STRING,
                    "categories", Map.of("type", "array", "items", object(props(
                            "category", CATEGORY, "currency", STRING, "users", COUNT, "count", COUNT,
                            "total", DECIMAL), List.of("category", "currency", "users", "count", "total"))),
                    "totals", CURRENCY_TOTALS), List.of("from", "to", "categories", "totals")))
            .build();

    private ExpenseTools() {
    }

    private static Map<String, Object> props(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
        return Map.of("type", "object", "properties", properties, "required", required);
    }

    private static Map<String, Object> closed(Map<String, Object> properties, List<String> required) {
        return Map.of("type", "object", "properties", properties, "required", required,
                "additionalProperties", false);
    }
}
