package io.mcpplatform.server.tools.expenses;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated {@code add_expense} request.
 *
 * @param amount      exact amount and currency
 * @param category    one of the fixed categories
 * @param date        the day the money was spent
 * @param description 1 to 500 characters, no control characters
 * @param clientKey   the caller's idempotency key: a retry with the same key and payload stores nothing new
 */
public record NewExpense(Money amount, Category category, LocalDate date, String description,
                         Optional<String> clientKey) {

    public NewExpense {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(clientKey, "clientKey");
    }

    /** SHA-256 of the payload (without the key): the same key with another payload is a conflict, not a retry. */
    public byte[] fingerprint() {
        String canonical = amount.minor() + "|" + amount.currency().getCurrencyCode() + "|" + category.wire() + "|"
                + date + "|" + description;
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
