package io.mcpplatform.server.tools.expenses;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** One stored expense of the signed-in user. */
public record Expense(UUID id, Money amount, Category category, LocalDate date, String description,
                      Optional<String> clientKey, Instant createdAt) {

    public Expense {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(clientKey, "clientKey");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The stored form of a new expense. */
    public static Expense of(UUID id, NewExpense e, Instant createdAt) {
        return new Expense(id, e.amount(), e.category(), e.date(), e.description(), e.clientKey(), createdAt);
    }

    /** As {@code structuredContent} (the item schema of {@link ExpenseTools}). */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id.toString());
        m.put("amount", amount.decimal());
        m.put("amountMinor", amount.minor());
        m.put("currency", amount.currency().getCurrencyCode());
        m.put("category", category.wire());
        m.put("date", date.toString());
        m.put("description", description);
        clientKey.ifPresent(k -> m.put("clientKey", k));
        m.put("createdAt", createdAt.toString());
        return m;
    }

    /** One line for the text content. */
    String line() {
        return date + "  " + amount + "  " + category.wire() + "  " + description + "  (id " + id + ")";
    }
}
