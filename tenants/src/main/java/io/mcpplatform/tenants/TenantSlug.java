package io.mcpplatform.tenants;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for a tenant's URL name (the {@code {tenant}} in {@code /t/{tenant}/mcp}).
 * <ul>
 *     <li>3 to 40 characters;</li>
 *     <li>lower-case ASCII letters, digits and single hyphens;</li>
 *     <li>starts with a letter, ends with a letter or digit, no {@code --};</li>
 *     <li>not one of the {@linkplain #RESERVED reserved words}.</li>
 * </ul>
 * Slugs are compared exactly: there is no case folding, so {@code /t/Demo/mcp} is simply an unknown tenant.
 */
public final class TenantSlug {
    /** Longest slug accepted. */
    public static final int MAX_LENGTH = 40;
    /** Shortest slug accepted. */
    public static final int MIN_LENGTH = 3;
    /** Words that would be confusing or dangerous as tenant names. */
    public static final Set<String> RESERVED = Set.of(
            "admin", "api", "health", "metrics", "well-known", "oauth", "oauth2", "mcp", "static", "assets",
            "login", "logout", "platform", "system", "default", "null", "undefined");

    private static final Pattern SHAPE = Pattern.compile("[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]");

    private TenantSlug() {
    }

    /**
     * Why a slug is not acceptable, or {@code null} when it is.
     *
     * @param slug candidate (may be {@code null})
     * @return a sentence naming the broken rule, or {@code null}
     */
    public static String problem(String slug) {
        if (slug == null || slug.isEmpty()) {
            return "slug is required";
        }
        if (slug.length() < MIN_LENGTH || slug.length() > MAX_LENGTH) {
            return "slug must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long";
        }
        if (!SHAPE.matcher(slug).matches()) {
            return "slug must be lower-case letters, digits and single hyphens, start with a letter"
                    + " and end with a letter or digit";
        }
        if (RESERVED.contains(slug)) {
            return "slug '" + slug + "' is reserved";
        }
        return null;
    }

    /** Whether the slug follows every rule. */
    public static boolean isValid(String slug) {
        return problem(slug) == null;
    }

    /**
     * Returns the slug when valid.
     *
     * @throws IllegalArgumentException naming the broken rule
     */
    public static String requireValid(String slug) {
        String problem = problem(slug);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return slug;
    }
}
