package io.mcpplatform.server.tools.expenses;

import java.math.BigInteger;
import java.util.Currency;

/** Tenant-wide aggregates of one category and currency: how many users, how many expenses, how much. */
public record CategoryStats(Category category, Currency currency, long users, long expenses, BigInteger totalMinor) {
}
