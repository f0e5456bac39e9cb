package io.mcpplatform.server.tools.expenses;

import java.util.List;
import java.util.Optional;

/** One page of expenses, and where the next one starts (empty on the last page). */
public record ExpensePage(List<Expense> expenses, Optional<PageCursor> next) {

    public ExpensePage {
        expenses = List.copyOf(expenses);
    }
}
