package io.mcpplatform.server.tools.expenses;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The fixed set of expense categories (the same list is a CHECK constraint of table {@code expenses}). */
public enum Category {
    TRAVEL, LODGING, MEALS, TRANSPORT, OFFICE, SOFTWARE, TRAINING, OTHER;

    /** The name on the wire and in the database, e.g. {@code meals}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** All wire names, in declaration order (the JSON Schema enum). */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Category::wire).toList();
    }

    /** The category with this wire name (exact, lower case). */
    public static Optional<Category> fromWire(String name) {
        return Arrays.stream(values()).filter(c -> c.wire().equals(name)).findFirst();
    }
}
