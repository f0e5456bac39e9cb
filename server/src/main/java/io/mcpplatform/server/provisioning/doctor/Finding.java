package io.mcpplatform.server.provisioning.doctor;

import java.util.Locale;

/**
 * One check's result.
 *
 * @param check    what was checked ("redirect URI")
 * @param severity OK, WARN or FAIL
 * @param message  what was found
 * @param fix      one line on how to fix it (empty when OK)
 */
public record Finding(String check, Severity severity, String message, String fix) {

    static Finding ok(String check, String message) {
        return new Finding(check, Severity.OK, message, "");
    }

    static Finding warn(String check, String message, String fix) {
        return new Finding(check, Severity.WARN, message, fix);
    }

    static Finding fail(String check, String message, String fix) {
        return new Finding(check, Severity.FAIL, message, fix);
    }

    @Override
    public String toString() {
        return String.format("%-4s %-20s %s%s", severity.name(), check.toLowerCase(Locale.ROOT), message,
                fix.isEmpty() ? "" : "\n     fix: " + fix);
    }
}
