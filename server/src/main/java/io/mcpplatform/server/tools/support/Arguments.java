package io.mcpplatform.server.tools.support;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks tool arguments against a tool's input schema (the SDK does not), naming the offending argument. */
public final class Arguments {
    private static final Pattern GUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Arguments() {
    }

    /** Rejects any argument not in {@code allowed}. */
    public static Map<String, Object> only(Map<String, Object> arguments, Set<String> allowed) {
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        for (String name : args.keySet()) {
            if (!allowed.contains(name)) {
                throw new ToolInputException("unknown argument '" + name + "'"
                        + (allowed.isEmpty() ? ": this tool takes no arguments" : "; allowed: " + allowed));
            }
        }
        return args;
    }

    /** An integer in [min, max], or {@code fallback} when absent. */
    public static int integer(Map<String, Object> args, String name, int min, int max, int fallback) {
        Object value = args.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new ToolInputException("argument '" + name + "' must be an integer");
        }
        long v = n.longValue();
        if (v < min || v > max) {
            throw new ToolInputException("argument '" + name + "' must be between " + min + " and " + max
                    + ", got " + v);
        }
        return (int) v;
    }

    /** A required array of 1 to {@code max} GUID strings, duplicates removed. */
    public static List<String> guids(Map<String, Object> args, String name, int max) {
        Object value = args.get(name);
        if (value == null) {
            throw new ToolInputException("argument '" + name + "' is required");
        }
        if (!(value instanceof List<?> list)) {
            throw new ToolInputException("argument '" + name + "' must be an array of group ids (GUIDs)");
        }
        if (list.isEmpty() || list.size() > max) {
            throw new ToolInputException("argument '" + name + "' must hold between 1 and " + max
                    + " group ids, got " + list.size());
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (!(item instanceof String s) || !GUID.matcher(s).matches()) {
                throw new ToolInputException("argument '" + name + "[" + i + "]' must be a GUID such as "
                        + "'00000000-0000-0000-0000-000000000000'");
            }
            ids.add(s.toLowerCase(java.util.Locale.ROOT));
        }
        return new ArrayList<>(ids);
    }
}
