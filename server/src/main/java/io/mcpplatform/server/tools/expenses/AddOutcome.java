package io.mcpplatform.server.tools.expenses;

/**
 * What {@code add_expense} did.
 *
 * @param expense the stored expense
 * @param created {@code false} when a retry with the same client key found the expense already stored
 */
public record AddOutcome(Expense expense, boolean created) {
}
