package io.mcpplatform.server.admin.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/** Typed reads of one JSON object's fields; every failure is a 400 naming the field's path. */
public final class Fields {
    public static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final JsonNode node;
    private final String prefix;

    private Fields(JsonNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** The object at {@code path} (must be a JSON object), allowing only these field names. */
    public static Fields of(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw ProblemException.invalid(path, path + " must be a JSON object");
        }
        Fields fields = new Fields(node, path.isEmpty() ? "" : path + ".");
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw ProblemException.invalid(fields.path(name), "unknown field " + fields.path(name));
            }
        });
        return fields;
    }

    public String path(String name) {
        return prefix + name;
    }

    public boolean has(String name) {
        return node.has(name) && !node.get(name).isNull();
    }

    public JsonNode raw(String name) {
        return node.get(name);
    }

    public Optional<String> string(String name, int min, int max) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode v = node.get(name);
        if (!v.isTextual()) {
            throw ProblemException.invalid(path(name), path(name) + " must be a string");
        }
        String s = v.asText();
        if (s.length() < min || s.length() > max || s.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalid(path(name), path(name) + " must be " + min + " to " + max
                    + " characters without control characters");
        }
        return Optional.of(s);
    }

    public String requiredString(String name, int min, int max) {
        return string(name, min, max)
                .orElseThrow(() -> ProblemException.invalid(path(name), path(name) + " is required"));
    }

    public Optional<String> guid(String name) {
        return string(name, 0, 64).map(s -> {
            if (!GUID.matcher(s).matches()) {
                throw ProblemException.invalid(path(name), path(name) + " must be a GUID");
            }
            return s;
        });
    }

    public <E extends Enum<E>> Optional<E> choice(String name, Class<E> type) {
        return string(name, 1, 40).map(s -> {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(s)) {
                    return e;
                }
            }
            throw ProblemException.invalid(path(name), path(name) + " must be one of "
                    + java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase()).toList());
        });
    }

    public Optional<Boolean> bool(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        if (!node.get(name).isBoolean()) {
            throw ProblemException.invalid(path(name), path(name) + " must be true or false");
        }
        return Optional.of(node.get(name).asBoolean());
    }

    public OptionalInt integer(String name, int min, int max) {
        if (!has(name)) {
            return OptionalInt.empty();
        }
        JsonNode v = node.get(name);
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw ProblemException.invalid(path(name), path(name) + " must be an integer from " + min + " to " + max);
        }
        return OptionalInt.of(v.asInt());
    }

    public Optional<List<String>> strings(String name, int maxItems, int maxLength) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode v = node.get(name);
        if (!v.isArray() || v.size() > maxItems) {
            throw ProblemException.invalid(path(name), path(name) + " must be an array of at most " + maxItems
                    + " strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            String itemPath = path(name) + "[" + i + "]";
            if (!item.isTextual() || item.asText().isEmpty() || item.asText().length() > maxLength
                    || item.asText().chars().anyMatch(c -> Character.isISOControl(c) || c == ' ')) {
                throw ProblemException.invalid(itemPath, itemPath + " must be a non-empty string of at most "
                        + maxLength + " characters without spaces");
            }
            if (out.contains(item.asText())) {
                throw ProblemException.invalid(itemPath, itemPath + " repeats " + item.asText());
            }
            out.add(item.asText());
        }
        return Optional.of(out);
    }

    public Optional<Fields> object(String name, Set<String> allowed) {
        return has(name) ? Optional.of(of(node.get(name), path(name), allowed)) : Optional.empty();
    }
}
