package io.mcpplatform.server.oauth.token;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.mcpplatform.server.config.InvalidConfigException;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenSettingsTest {
    private static TokenSettings read(Map<String, String> values) {
        Config config = Config.builder(ConfigSources.create(values)).disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource().build();
        return TokenSettings.create(config.get("platform.oauth"));
    }

    @Test
    void createWhenNothingConfiguredThenDefaults() {
        TokenSettings s = read(Map.of());
        assertEquals(TokenSettings.defaults(), s);
        assertEquals(Duration.ofMinutes(10), s.accessTokenTtl());
        assertEquals(Duration.ofDays(30), s.refreshIdleTtl());
        assertEquals(Duration.ofDays(90), s.refreshAbsoluteTtl());
    }

    @Test
    void createWhenValuesGivenThenRead() {
        TokenSettings s = read(Map.of("platform.oauth.access-token-ttl", "5m", "platform.oauth.clock-skew", "10s"));
        assertEquals(Duration.ofMinutes(5), s.accessTokenTtl());
        assertEquals(Duration.ofSeconds(10), s.clockSkew());
    }

    @Test
    void createWhenValueBadThenErrorNamesTheFullKey() {
        assertTrue(assertThrows(InvalidConfigException.class, () -> read(Map.of("platform.oauth.access-token-ttl",
                "2h"))).getMessage().startsWith("platform.oauth.access-token-ttl must be between"));
        assertTrue(assertThrows(InvalidConfigException.class, () -> read(Map.of("platform.oauth.clock-skew",
                "soon"))).getMessage().startsWith("platform.oauth.clock-skew must be a duration"));
        assertTrue(assertThrows(InvalidConfigException.class, () -> read(Map.of("platform.oauth.refresh-idle-ttl",
                "60d", "platform.oauth.refresh-absolute-ttl", "30d"))).getMessage()
                .startsWith("platform.oauth.refresh-absolute-ttl must not be shorter"));
    }
}
