package io.mcpplatform.server.tools.expenses;

import java.util.List;
import java.util.UUID;

/**
 * Where expenses live, always for one user of one tenant. The PostgreSQL implementation enforces this with row-level
 * security; callers pass the signed-in user's (tenant id, oid) and nothing else decides whose rows are touched.
 */
public interface ExpenseStore {

    /** Most rows a summary returns; more are cut off (flagged). */
    int MAX_SUMMARY_ROWS = 500;

    /**
     * Stores a new expense, or with a client key already used by this user for the same payload returns the stored one.
     *
     * @throws ClientKeyConflictException the key was used for a different payload
     */
    AddOutcome add(UUID tenantId, String oid, NewExpense expense);

    /** The user's expenses, newest first. */
    ExpensePage list(UUID tenantId, String oid, ExpenseQuery query);

    /** Deletes one of the user's expenses; {@code false} when the user has no expense with this id. */
    boolean delete(UUID tenantId, String oid, UUID id);

    /** The user's totals per month, category and currency (newest month first), at most {@link #MAX_SUMMARY_ROWS} + 1. */
    List<MonthlyTotal> summarize(UUID tenantId, String oid, DateRange range);

    /** Aggregates over all users of the tenant (no rows, no user ids): for administrators only, decided by the caller. */
    List<CategoryStats> tenantStats(UUID tenantId, DateRange range);
}
