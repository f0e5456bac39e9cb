package io.mcpplatform.server.oauth.authorize;

import io.helidon.config.Config;
import io.mcpplatform.server.config.ConfigValues;
import io.mcpplatform.server.config.InvalidConfigException;
import io.mcpplatform.server.oauth.clients.RegistrationLimits;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Settings of the authorization front (registration, {@code /authorize}, consent), built once from the
 * {@code platform.oauth} node. Keys (unknown keys below {@code registration} and {@code authorization} are refused, so
 * a typo does not silently fall back to a default):
 * <ul>
 *     <li>{@code registration.max-body-bytes} — largest registration body, 1024–1048576; default 16384</li>
 *     <li>{@code registration.max-redirect-uris} — redirect URIs per client, 1–100; default 10</li>
 *     <li>{@code registration.max-redirect-uri-length} — characters per redirect URI, 64–8192; default 2000</li>
 *     <li>{@code registration.max-client-name-length} — characters of {@code client_name}, 1–1000; default 200</li>
 *     <li>{@code registration.max-clients-per-tenant} — active dynamically registered clients per tenant,
 *     1–10000000; default 10000</li>
 *     <li>{@code authorization.request-ttl} — how long a sign-in (authorize → Entra → consent) may take, 1m–1h;
 *     default 10m</li>
 *     <li>{@code authorization.code-ttl} — lifetime of a platform authorization code, 1s–60s; default 60s</li>
 *     <li>{@code authorization.max-state-length} — longest client {@code state}, 16–1024; default 1024</li>
 *     <li>{@code authorization.scopes} — scopes clients may request; default {@code [mcp:tools]}</li>
 *     <li>{@code authorization.default-scopes} — scopes granted when a request names none (a subset of
 *     {@code scopes}); default {@code [mcp:tools]}</li>
 * </ul>
 *
 * @param registration    registration limits
 * @param requestTtl      lifetime of a pending authorization
 * @param codeTtl         lifetime of an authorization code
 * @param maxStateLength  longest accepted {@code state}
 * @param supportedScopes scopes clients may request
 * @param defaultScopes   scopes of a request without {@code scope}
 */
public record OAuthFrontSettings(RegistrationLimits registration,
                                 Duration requestTtl,
                                 Duration codeTtl,
                                 int maxStateLength,
                                 Set<String> supportedScopes,
                                 Set<String> defaultScopes) {
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    private static final Set<String> REGISTRATION_KEYS = Set.of("max-body-bytes", "max-redirect-uris",
            "max-redirect-uri-length", "max-client-name-length", "max-clients-per-tenant");
    private static final Set<String> AUTHORIZATION_KEYS = Set.of("request-ttl", "code-ttl", "max-state-length",
            "scopes", "default-scopes");

    public OAuthFrontSettings {
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(requestTtl, "requestTtl");
        Objects.requireNonNull(codeTtl, "codeTtl");
        if (codeTtl.isNegative() || codeTtl.isZero() || codeTtl.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("code TTL must be between 1s and 60s");
        }
        supportedScopes = Set.copyOf(new LinkedHashSet<>(supportedScopes));
        defaultScopes = Set.copyOf(new LinkedHashSet<>(defaultScopes));
        if (supportedScopes.isEmpty() || !supportedScopes.containsAll(defaultScopes) || defaultScopes.isEmpty()) {
            throw new IllegalArgumentException("default scopes must be a non-empty subset of the supported scopes");
        }
    }

    /** Every key absent. */
    public static OAuthFrontSettings defaults() {
        return new OAuthFrontSettings(RegistrationLimits.defaults(), Duration.ofMinutes(10), Duration.ofSeconds(60),
                1024, Set.of("mcp:tools"), Set.of("mcp:tools"));
    }

    /** A copy with other registration limits. */
    public OAuthFrontSettings withRegistration(RegistrationLimits limits) {
        return new OAuthFrontSettings(limits, requestTtl, codeTtl, maxStateLength, supportedScopes, defaultScopes);
    }

    /**
     * Reads and validates the settings.
     *
     * @param oauthNode the {@code platform.oauth} node (may be missing)
     * @throws InvalidConfigException naming the offending key
     */
    public static OAuthFrontSettings create(Config oauthNode) {
        ConfigValues oauth = ConfigValues.of(oauthNode);
        ConfigValues reg = oauth.child("registration");
        ConfigValues auth = oauth.child("authorization");
        requireKnownKeys(reg, REGISTRATION_KEYS);
        requireKnownKeys(auth, AUTHORIZATION_KEYS);
        RegistrationLimits d = RegistrationLimits.defaults();
        RegistrationLimits limits = new RegistrationLimits(
                reg.intInRange("max-body-bytes", d.maxBodyBytes(), 1024, 1024 * 1024),
                reg.intInRange("max-redirect-uris", d.maxRedirectUris(), 1, 100),
                reg.intInRange("max-redirect-uri-length", d.maxRedirectUriLength(), 64, 8192),
                reg.intInRange("max-client-name-length", d.maxClientNameLength(), 1, 1000),
                reg.intInRange("max-clients-per-tenant", d.maxClientsPerTenant(), 1, 10_000_000));
        List<String> scopes = scopes(auth, "scopes", List.of("mcp:tools"));
        List<String> defaultScopes = scopes(auth, "default-scopes", List.of("mcp:tools"));
        if (!scopes.containsAll(defaultScopes)) {
            throw new InvalidConfigException(auth.key("default-scopes") + " must be a subset of "
                    + auth.key("scopes") + " " + scopes);
        }
        return new OAuthFrontSettings(limits,
                auth.duration("request-ttl", Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(1)),
                auth.duration("code-ttl", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(60)),
                auth.intInRange("max-state-length", 1024, 16, 1024),
                Set.copyOf(scopes), Set.copyOf(defaultScopes));
    }

    private static List<String> scopes(ConfigValues node, String key, List<String> fallback) {
        List<String> values = node.stringList(key, fallback);
        if (values.isEmpty()) {
            throw new InvalidConfigException(node.key(key) + " must list at least one scope");
        }
        for (String v : values) {
            if (!SCOPE_TOKEN.matcher(v).matches()) {
                throw new InvalidConfigException(node.key(key) + ": '" + v + "' is not a valid scope token (RFC 6749 §3.3)");
            }
        }
        return values;
    }

    private static void requireKnownKeys(ConfigValues node, Set<String> known) {
        Config config = node.node();
        if (!config.exists() || config.isLeaf()) {
            return;
        }
        for (Config child : config.asNodeList().orElse(List.of())) {
            if (!known.contains(child.name())) {
                throw new InvalidConfigException(node.key(child.name()) + " is not a known key; known keys: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }
}
