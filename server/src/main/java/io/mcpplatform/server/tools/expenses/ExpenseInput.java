package io.mcpplatform.server.tools.expenses;

import io.mcpplatform.server.tools.support.Arguments;
import io.mcpplatform.server.tools.support.ToolInputException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns the expenses tools' arguments into validated requests, or throws a {@link ToolInputException} naming the
 * argument and the rule it breaks. The JSON Schemas of {@link ExpenseTools} say the same; the SDK does not check them.
 */
final class ExpenseInput {
    private static final Pattern AMOUNT = Pattern.compile(ExpenseTools.AMOUNT_PATTERN);
    private static final Pattern CURRENCY = Pattern.compile(ExpenseTools.CURRENCY_PATTERN);
    private static final Pattern DATE = Pattern.compile(ExpenseTools.DATE_PATTERN);
    private static final Pattern CLIENT_KEY = Pattern.compile(ExpenseTools.CLIENT_KEY_PATTERN);
    private static final Pattern UUID_TEXT = Pattern.compile(ExpenseTools.UUID_PATTERN);

    private ExpenseInput() {
    }

    /** {@code add_expense}; {@code today} (UTC) bounds the date: at most one day ahead, for time zones. */
    static NewExpense newExpense(Map<String, Object> args, LocalDate today) {
        Currency currency = currency(args);
        Money amount = amount(args, currency);
        Category category = category(args).orElseThrow(() -> required("category"));
        LocalDate date = date(args, "date").orElseThrow(() -> required("date"));
        LocalDate latest = today.plusDays(1);
        if (date.isAfter(latest)) {
            throw new ToolInputException("argument 'date' must not be later than " + latest + ", got " + date);
        }
        String description = description(args);
        Optional<String> clientKey = string(args, "client_key");
        if (clientKey.isPresent() && !CLIENT_KEY.matcher(clientKey.get()).matches()) {
            throw new ToolInputException("argument 'client_key' must be 1 to 64 of A-Z a-z 0-9 . _ : -");
        }
        return new NewExpense(amount, category, date, description, clientKey);
    }

    /** {@code list_expenses} of {@code owner} (the cursor must be one issued to the same owner). */
    static ExpenseQuery query(Map<String, Object> args, String owner) {
        DateRange range = range(args);
        Optional<Category> category = category(args);
        int limit = Arguments.integer(args, "limit", 1, ExpenseTools.MAX_PAGE, ExpenseTools.DEFAULT_PAGE);
        Optional<PageCursor> after = string(args, "cursor").map(c -> PageCursor.decode(c, range, category, owner));
        return new ExpenseQuery(range, category, limit, after);
    }

    /** Optional {@code from} / {@code to}, defaulting to every possible day. */
    static DateRange range(Map<String, Object> args) {
        LocalDate from = date(args, "from").orElse(DateRange.EARLIEST);
        LocalDate to = date(args, "to").orElse(DateRange.LATEST);
        if (from.isAfter(to)) {
            throw new ToolInputException("argument 'to' (" + to + ") must not be before 'from' (" + from + ")");
        }
        return new DateRange(from, to);
    }

    /** The required expense {@code id}. */
    static UUID id(Map<String, Object> args) {
        String id = string(args, "id").orElseThrow(() -> required("id"));
        if (!UUID_TEXT.matcher(id).matches()) {
            throw new ToolInputException("argument 'id' must be an expense id (a UUID such as "
                    + "'00000000-0000-0000-0000-000000000000')");
        }
        return UUID.fromString(id);
    }

    private static Currency currency(Map<String, Object> args) {
        String code = string(args, "currency").orElseThrow(() -> required("currency"));
        if (!CURRENCY.matcher(code).matches()) {
            throw new ToolInputException("argument 'currency' must be an ISO 4217 code of three capital letters, "
                    + "e.g. EUR, got '" + shorten(code) + "'");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new ToolInputException("argument 'currency' is not an ISO 4217 currency: '" + code + "'");
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw new ToolInputException("argument 'currency' " + code + " is not money (no minor unit)");
        }
        return currency;
    }

    private static Money amount(Map<String, Object> args, Currency currency) {
        Object value = args.get("amount");
        if (value == null) {
            throw required("amount");
        }
        if (!(value instanceof String text)) {
            throw new ToolInputException("argument 'amount' must be a decimal string such as \"12.50\" "
                    + "(a JSON number may not be exact)");
        }
        if (!AMOUNT.matcher(text).matches()) {
            throw new ToolInputException("argument 'amount' must be a plain decimal such as \"12.50\" (digits, "
                    + "optionally a dot and up to 4 decimals), got '" + shorten(text) + "'");
        }
        BigDecimal decimal = new BigDecimal(text);
        int digits = currency.getDefaultFractionDigits();
        if (decimal.stripTrailingZeros().scale() > digits) {
            throw new ToolInputException("argument 'amount' has more decimals than " + currency.getCurrencyCode()
                    + " allows (" + digits + "), got '" + text + "'");
        }
        if (decimal.signum() <= 0) {
            throw new ToolInputException("argument 'amount' must be greater than 0");
        }
        if (decimal.compareTo(BigDecimal.valueOf(ExpenseTools.MAX_AMOUNT)) > 0) {
            throw new ToolInputException("argument 'amount' must be at most " + ExpenseTools.MAX_AMOUNT);
        }
        return new Money(decimal.movePointRight(digits).longValueExact(), currency);
    }

    private static Optional<Category> category(Map<String, Object> args) {
        return string(args, "category").map(name -> Category.fromWire(name).orElseThrow(() ->
                new ToolInputException("argument 'category' must be one of " + Category.wireNames() + ", got '"
                        + shorten(name) + "'")));
    }

    private static Optional<LocalDate> date(Map<String, Object> args, String name) {
        Optional<String> text = string(args, name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        LocalDate date;
        try {
            if (!DATE.matcher(text.get()).matches()) {
                throw new DateTimeParseException("pattern", text.get(), 0);
            }
            date = LocalDate.parse(text.get());
        } catch (DateTimeParseException e) {
            throw new ToolInputException("argument '" + name + "' must be a date yyyy-MM-dd, got '"
                    + shorten(text.get()) + "'");
        }
        if (date.isBefore(DateRange.EARLIEST) || date.isAfter(DateRange.LATEST)) {
            throw new ToolInputException("argument '" + name + "' must be between " + DateRange.EARLIEST + " and "
                    + DateRange.LATEST + ", got " + date);
        }
        return Optional.of(date);
    }

    private static String description(Map<String, Object> args) {
        String text = string(args, "description").orElseThrow(() -> required("description")).strip();
        if (text.isEmpty() || text.length() > ExpenseTools.MAX_DESCRIPTION) {
            throw new ToolInputException("argument 'description' must hold 1 to " + ExpenseTools.MAX_DESCRIPTION
                    + " characters, got " + text.length());
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new ToolInputException("argument 'description' must not contain control characters");
        }
        return text;
    }

    private static Optional<String> string(Map<String, Object> args, String name) {
        Object value = args.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw new ToolInputException("argument '" + name + "' must be a string");
        }
        return Optional.of(s);
    }

    private static ToolInputException required(String name) {
        return new ToolInputException("argument '" + name + "' is required");
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
