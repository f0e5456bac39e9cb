package io.mcpplatform.server.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The guard that keeps tokens and secrets out of audit details, in two layers:
 * <ol>
 *     <li>a key allow-list where every key has a kind (id, count, flag, short code, text, list of text, named
 *     counts); an unknown key or a value of the wrong kind is a programming error and throws
 *     {@link IllegalArgumentException} (fail closed: nothing is recorded);</li>
 *     <li>a shape check on every text value, which replaces anything token-shaped by {@value #REDACTED}: a compact
 *     JWS/JWE ({@code eyJ…}) or a run of 32 or more base64 characters (and {@code ~.}) mixing letter cases or
 *     letters and digits (refresh tokens, codes, client secrets, hex digests), UUIDs excepted. Long mixed-case
 *     identifiers are hidden too: the price of failing closed. Texts come partly from clients (tool names, scopes),
 *     so a false positive only hides a value, never fails the request.</li>
 * </ol>
 * Cheap on purpose: a map copy and a pass over a few short strings, on the request path of every tool call.
 */
public final class AuditDetail {
    /** What a token-shaped text is replaced with. */
    public static final String REDACTED = "[redacted]";
    /** Longest text kept (longer ones are cut). */
    public static final int MAX_TEXT = 200;

    private static final int TOKEN_RUN = 32;
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern CODE = Pattern.compile("[a-z0-9_.-]{1,64}");

    private enum Kind { ID, COUNT, FLAG, CODE, TEXT, TEXTS, COUNTS }

    private static final Map<String, Kind> KEYS = Map.ofEntries(
            // admin changes
            Map.entry("actor", Kind.TEXT),
            Map.entry("slug", Kind.TEXT),
            Map.entry("tenantId", Kind.ID),
            Map.entry("oid", Kind.TEXT),
            Map.entry("erasedOid", Kind.TEXT),
            Map.entry("consentsRevoked", Kind.COUNT),
            Map.entry("tokensRevoked", Kind.COUNT),
            Map.entry("rows", Kind.COUNTS),
            Map.entry("kid", Kind.TEXT),
            // onboarding (provision, doctor)
            Map.entry("appId", Kind.ID),
            Map.entry("unchanged", Kind.FLAG),
            Map.entry("changes", Kind.TEXT),
            Map.entry("step", Kind.TEXT),
            Map.entry("failed", Kind.COUNT),
            Map.entry("warnings", Kind.COUNT),
            // sign-in, consent, codes, tokens
            Map.entry("error", Kind.CODE),
            Map.entry("entra_error", Kind.CODE),
            Map.entry("reason", Kind.CODE),
            Map.entry("scopes", Kind.TEXTS),
            Map.entry("code_id", Kind.ID),
            Map.entry("family_id", Kind.ID),
            Map.entry("jti", Kind.ID),
            Map.entry("grant_type", Kind.CODE),
            Map.entry("token_type", Kind.CODE),
            Map.entry("revoked", Kind.FLAG),
            Map.entry("revoked_refresh_tokens", Kind.COUNT),
            // tool calls
            Map.entry("tool", Kind.TEXT),
            Map.entry("request_id", Kind.TEXT));

    private AuditDetail() {
    }

    /**
     * A checked, immutable copy of {@code detail} (insertion order kept).
     *
     * @throws IllegalArgumentException for a key outside the allow-list or a value of the wrong kind
     */
    public static Map<String, Object> checked(Map<String, ?> detail) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : detail.entrySet()) {
            Kind kind = KEYS.get(e.getKey());
            if (kind == null) {
                throw new IllegalArgumentException("audit detail key '" + e.getKey() + "' is not allowed");
            }
            out.put(e.getKey(), value(e.getKey(), kind, e.getValue()));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static Object value(String key, Kind kind, Object v) {
        switch (kind) {
            case ID -> {
                if (v instanceof String s && UUID.matcher(s).matches()) {
                    return s;
                }
            }
            case COUNT -> {
                if (v instanceof Integer || v instanceof Long) {
                    return v;
                }
            }
            case FLAG -> {
                if (v instanceof Boolean) {
                    return v;
                }
            }
            case CODE -> {
                if (v instanceof String s && CODE.matcher(s).matches()) {
                    return text(s);
                }
            }
            case TEXT -> {
                if (v instanceof String s) {
                    return text(s);
                }
            }
            case TEXTS -> {
                if (v instanceof java.util.Collection<?> c && c.stream().allMatch(String.class::isInstance)) {
                    List<String> texts = new ArrayList<>(c.size());
                    c.forEach(s -> texts.add(text((String) s)));
                    return List.copyOf(texts);
                }
            }
            case COUNTS -> {
                if (v instanceof Map<?, ?> m && m.keySet().stream().allMatch(k -> k instanceof String s
                        && CODE.matcher(s).matches())
                        && m.values().stream().allMatch(n -> n instanceof Integer || n instanceof Long)) {
                    return Map.copyOf(m);
                }
            }
        }
        throw new IllegalArgumentException("audit detail '" + key + "' must be " + kind.name().toLowerCase()
                + ", got " + (v == null ? "null" : v.getClass().getSimpleName()));
    }

    private static String text(String s) {
        String cut = s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
        return tokenShaped(cut) ? REDACTED : cut;
    }

    /** Whether the text contains something shaped like a token or secret (see the class comment). */
    public static boolean tokenShaped(String s) {
        for (int at = s.indexOf("eyJ"); at >= 0; at = s.indexOf("eyJ", at + 1)) {
            if (run(s, at, false) >= 13) {
                return true; // a base64url-encoded JSON object: the header of a JWS or JWE
            }
        }
        String scan = s.length() >= TOKEN_RUN && s.indexOf('-') >= 0 ? UUID.matcher(s).replaceAll(" ") : s;
        int i = 0;
        while (i < scan.length()) {
            int len = run(scan, i, true);
            if (len >= TOKEN_RUN && mixed(scan, i, len)) {
                return true;
            }
            i += Math.max(len, 1);
        }
        return false;
    }

    /**
     * Length of the run starting at {@code from} of base64url characters, or when {@code wide} also of standard
     * base64's {@code +/=} and the {@code ~.} of Entra client secrets.
     */
    private static int run(String s, int from, boolean wide) {
        int i = from;
        while (i < s.length() && base64(s.charAt(i), wide)) {
            i++;
        }
        return i - from;
    }

    private static boolean base64(char c, boolean wide) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                || wide && (c == '+' || c == '/' || c == '=' || c == '~' || c == '.');
    }

    /** At least two of: upper-case letters, lower-case letters, digits. */
    private static boolean mixed(String s, int from, int len) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) >= 2;
    }
}
