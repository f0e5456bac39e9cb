package io.mcpplatform.server.tools.expenses;

import java.math.BigInteger;
import java.time.YearMonth;
import java.util.Currency;

/** The signed-in user's spending in one month, category and currency. */
public record MonthlyTotal(YearMonth month, Category category, Currency currency, long count, BigInteger totalMinor) {
}
