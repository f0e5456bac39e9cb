package io.mcpplatform.server.tools.expenses;

import io.mcpplatform.server.tools.support.ToolInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Argument validation of the expenses tools: every rejection names the argument. */
class ExpenseInputTest {
    private static final String OWNER = "tenant-a/oid-1";
    static final LocalDate TODAY = LocalDate.parse("2026-11-26");

    static Map<String, Object> valid() {
        Map<String, Object> args = new HashMap<>();
        args.put("amount", "12.50");
        args.put("currency", "EUR");
        args.put("category", "meals");
        args.put("date", "2026-11-20");
        args.put("description", "  Team lunch  ");
        return args;
    }

    static Map<String, Object> with(String key, Object value) {
        Map<String, Object> args = valid();
        if (value == null) {
            args.remove(key);
        } else {
            args.put(key, value);
        }
        return args;
    }

    @Test
    void newExpenseWhenValidThenExactMinorUnitsAndTrimmedDescription() {
        NewExpense e = ExpenseInput.newExpense(valid(), TODAY);

        assertEquals(1250, e.amount().minor());
        assertEquals("EUR", e.amount().currency().getCurrencyCode());
        assertEquals("12.50", e.amount().decimal());
        assertEquals(Category.MEALS, e.category());
        assertEquals(LocalDate.parse("2026-11-20"), e.date());
        assertEquals("Team lunch", e.description());
        assertEquals(Optional.empty(), e.clientKey());
    }

    @ParameterizedTest
    @CsvSource({"JPY, 1200, 1200, 1200", "JPY, 1200.00, 1200, 1200", "BHD, 1.005, 1005, 1.005",
            "EUR, 0.01, 1, 0.01", "EUR, 100000000, 10000000000, 100000000.00", "USD, 7.1, 710, 7.10"})
    void newExpenseWhenCurrencyDigitsAllowThenMinorUnits(String currency, String amount, long minor, String back) {
        NewExpense e = ExpenseInput.newExpense(with("currency", currency).entrySet().stream()
                .collect(HashMap::new, (m, x) -> m.put(x.getKey(), x.getKey().equals("amount") ? amount
                        : x.getValue()), HashMap::putAll), TODAY);

        assertEquals(minor, e.amount().minor());
        assertEquals(back, e.amount().decimal());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "amount|12.345|more decimals than EUR allows (2)",
            "amount|0|greater than 0",
            "amount|0.00|greater than 0",
            "amount|-5|plain decimal",
            "amount|1e3|plain decimal",
            "amount|12,50|plain decimal",
            "amount|100000000.01|at most 100000000",
            "amount|01.5|plain decimal",
            "currency|eur|three capital letters",
            "currency|ABC|not an ISO 4217 currency",
            "currency|XXX|no minor unit",
            "category|food|must be one of [travel, lodging, meals, transport, office, software, training, other]",
            "category|MEALS|must be one of",
            "date|2026-13-01|yyyy-MM-dd",
            "date|2026-02-30|yyyy-MM-dd",
            "date|26-11-20|yyyy-MM-dd",
            "date|1999-12-31|between 2000-01-01 and 2099-12-31",
            "date|2026-11-28|not be later than 2026-11-27",
            "description|'   '|1 to 500 characters",
            "client_key|has space|1 to 64 of",
            "client_key|''|1 to 64 of"})
    void newExpenseWhenArgumentBreaksRuleThenErrorNamesIt(String argument, String value, String expected) {
        ToolInputException e = assertThrows(ToolInputException.class,
                () -> ExpenseInput.newExpense(with(argument, value), TODAY));

        assertTrue(e.getMessage().startsWith("argument '" + argument + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void newExpenseWhenAmountIsAJsonNumberThenRejectedAsInexact() {
        ToolInputException e = assertThrows(ToolInputException.class,
                () -> ExpenseInput.newExpense(with("amount", 12.5), TODAY));

        assertTrue(e.getMessage().startsWith("argument 'amount' must be a decimal string"), e.getMessage());
    }

    @Test
    void newExpenseWhenDescriptionTooLongOrHasControlCharactersThenRejected() {
        assertTrue(assertThrows(ToolInputException.class, () -> ExpenseInput.newExpense(
                with("description", "x".repeat(501)), TODAY)).getMessage().contains("got 501"));
        assertTrue(assertThrows(ToolInputException.class, () -> ExpenseInput.newExpense(
                with("description", "a\u0000b"), TODAY)).getMessage().contains("control characters"));
    }

    @Test
    void newExpenseWhenRequiredArgumentMissingThenNamed() {
        for (String name : new String[]{"amount", "currency", "category", "date", "description"}) {
            ToolInputException e = assertThrows(ToolInputException.class,
                    () -> ExpenseInput.newExpense(with(name, null), TODAY), name);
            assertEquals("argument '" + name + "' is required", e.getMessage());
        }
    }

    @Test
    void rangeWhenToBeforeFromThenNamesTo() {
        ToolInputException e = assertThrows(ToolInputException.class,
                () -> ExpenseInput.range(Map.of("from", "2026-03-01", "to", "2026-02-01")));

        assertTrue(e.getMessage().startsWith("argument 'to'"), e.getMessage());
    }

    @Test
    void queryWhenLimitOutOfBoundsThenNamesLimit() {
        for (Object limit : new Object[]{0, 101, 2.5, "10"}) {
            ToolInputException e = assertThrows(ToolInputException.class,
                    () -> ExpenseInput.query(Map.of("limit", limit), OWNER), String.valueOf(limit));
            assertTrue(e.getMessage().startsWith("argument 'limit'"), e.getMessage());
        }
    }

    @Test
    void queryWhenCursorRoundTripsWithSameFiltersThenPosition() {
        PageCursor cursor = new PageCursor(LocalDate.parse("2026-02-01"), UUID.randomUUID());
        DateRange range = new DateRange(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"));
        String wire = cursor.encode(range, Optional.of(Category.MEALS), OWNER);

        ExpenseQuery q = ExpenseInput.query(Map.of("from", "2026-01-01", "to", "2026-12-31", "category", "meals",
                "cursor", wire), OWNER);

        assertEquals(Optional.of(cursor), q.after());
    }

    @Test
    void queryWhenCursorUsedWithOtherFiltersThenRejected() {
        String wire = new PageCursor(LocalDate.parse("2026-02-01"), UUID.randomUUID())
                .encode(DateRange.ALL, Optional.of(Category.MEALS), OWNER);

        ToolInputException e = assertThrows(ToolInputException.class,
                () -> ExpenseInput.query(Map.of("category", "travel", "cursor", wire), OWNER));

        assertTrue(e.getMessage().startsWith("argument 'cursor' belongs to a listing with other filters"),
                e.getMessage());
    }

    @Test
    void queryWhenCursorOfAnotherUserOrTenantThenRejected() {
        String wire = new PageCursor(LocalDate.parse("2026-02-01"), UUID.randomUUID())
                .encode(DateRange.ALL, Optional.empty(), OWNER);

        for (String other : new String[]{"tenant-a/oid-2", "tenant-b/oid-1"}) {
            ToolInputException e = assertThrows(ToolInputException.class,
                    () -> ExpenseInput.query(Map.of("cursor", wire), other), other);
            assertTrue(e.getMessage().startsWith("argument 'cursor' belongs to a listing with other filters"),
                    e.getMessage());
        }
    }

    @Test
    void queryWhenCursorTamperedOrGarbageThenRejected() {
        String wire = new PageCursor(LocalDate.parse("2026-02-01"), UUID.randomUUID())
                .encode(DateRange.ALL, Optional.empty(), OWNER);
        String text = new String(java.util.Base64.getUrlDecoder().decode(wire));
        String edited = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                text.replace("2026-02-01", "2026-02-30").getBytes());

        for (String bad : new String[]{"not base64 !", "aGVsbG8", wire.substring(0, wire.length() - 4), edited,
                "x".repeat(201)}) {
            ToolInputException e = assertThrows(ToolInputException.class,
                    () -> ExpenseInput.query(Map.of("cursor", bad), OWNER), bad);
            assertTrue(e.getMessage().startsWith("argument 'cursor'"), e.getMessage());
        }
    }

    @Test
    void idWhenNotAUuidThenNamesId() {
        assertEquals("argument 'id' is required", assertThrows(ToolInputException.class,
                () -> ExpenseInput.id(Map.of())).getMessage());
        assertTrue(assertThrows(ToolInputException.class, () -> ExpenseInput.id(Map.of("id", "42")))
                .getMessage().startsWith("argument 'id' must be an expense id"));
    }
}
