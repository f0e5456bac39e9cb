package io.mcpplatform.server.tools.expenses;

import java.util.Objects;
import java.util.Optional;

/**
 * A validated {@code list_expenses} request: newest first by (date, id), at most {@code limit} rows after the cursor.
 *
 * @param range    inclusive date range
 * @param category only this category, if present
 * @param limit    1 to {@link ExpenseTools#MAX_PAGE}
 * @param after    continue after this position (from the previous page's cursor)
 */
public record ExpenseQuery(DateRange range, Optional<Category> category, int limit, Optional<PageCursor> after) {

    public ExpenseQuery {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > ExpenseTools.MAX_PAGE) {
            throw new IllegalArgumentException("limit " + limit);
        }
    }
}
