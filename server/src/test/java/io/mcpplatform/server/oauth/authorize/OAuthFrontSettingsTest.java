package io.mcpplatform.server.oauth.authorize;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.mcpplatform.server.config.InvalidConfigException;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OAuthFrontSettingsTest {

    private static OAuthFrontSettings read(Map<String, String> values) {
        Config root = Config.just(ConfigSources.create(values));
        return OAuthFrontSettings.create(root.get("platform").get("oauth"));
    }

    @Test
    void createWhenNothingConfiguredThenDefaults() {
        assertEquals(OAuthFrontSettings.defaults(), read(Map.of()));
    }

    @Test
    void createWhenValuesGivenThenRead() {
        OAuthFrontSettings s = read(Map.of("platform.oauth.registration.max-clients-per-tenant", "5",
                "platform.oauth.authorization.code-ttl", "30s", "platform.oauth.authorization.request-ttl", "5m",
                "platform.oauth.token.access-token-ttl", "10m"));
        assertEquals(5, s.registration().maxClientsPerTenant());
        assertEquals(Duration.ofSeconds(30), s.codeTtl());
        assertEquals(Duration.ofMinutes(5), s.requestTtl());
        assertEquals(Set.of("mcp:tools"), s.supportedScopes());
    }

    @Test
    void createWhenValueOutOfRangeOrKeyMisspelledThenErrorNamesFullKey() {
        InvalidConfigException ttl = assertThrows(InvalidConfigException.class,
                () -> read(Map.of("platform.oauth.authorization.code-ttl", "2m")));
        assertTrue(ttl.getMessage().startsWith("platform.oauth.authorization.code-ttl"), ttl.getMessage());
        InvalidConfigException typo = assertThrows(InvalidConfigException.class,
                () -> read(Map.of("platform.oauth.registration.max-client-per-tenant", "5")));
        assertTrue(typo.getMessage().startsWith("platform.oauth.registration.max-client-per-tenant is not a known key"),
                typo.getMessage());
        InvalidConfigException scopes = assertThrows(InvalidConfigException.class,
                () -> read(Map.of("platform.oauth.authorization.default-scopes", "other")));
        assertTrue(scopes.getMessage().startsWith("platform.oauth.authorization.default-scopes"), scopes.getMessage());
        assertThrows(InvalidConfigException.class,
                () -> read(Map.of("platform.oauth.authorization.max-state-length", "5000")));
    }
}
