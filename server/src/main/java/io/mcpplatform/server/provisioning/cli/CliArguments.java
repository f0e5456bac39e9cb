package io.mcpplatform.server.provisioning.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --name value} options of one command, checked against the names it knows; each name at most once. */
final class CliArguments {
    private final Map<String, String> values;

    private CliArguments(Map<String, String> values) {
        this.values = values;
    }

    /** @throws UsageException on an unknown, repeated or value-less option */
    static CliArguments parse(List<String> args, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String name = args.get(i);
            if (!name.startsWith("--") || !known.contains(name.substring(2))) {
                throw new UsageException("unknown option '" + name + "' (known: --" + String.join(", --",
                        known.stream().sorted().toList()) + ")");
            }
            if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                throw new UsageException("option " + name + " needs a value");
            }
            if (values.put(name.substring(2), args.get(i + 1)) != null) {
                throw new UsageException("option " + name + " given twice");
            }
        }
        return new CliArguments(values);
    }

    String required(String name) {
        return optional(name).orElseThrow(() -> new UsageException("--" + name + " is required"));
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }

    List<String> list(String name, String fallback) {
        return Arrays.stream(optional(name).orElse(fallback).split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    /** A bad command line; exit code 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
