package io.mcpplatform.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code platform.security.encryption-key}: read, validated with the key named, never printed. */
class SecuritySettingsTest {
    static final byte[] KEY = new byte[32];
    static final String KEY_B64 = Base64.getEncoder().encodeToString(KEY);

    static PlatformConfig load(Map<String, String> env) {
        return PlatformConfig.create(ConfigLoader.load(env, List.of()));
    }

    @Test
    void encryptionKeyWhenSetByEnvironmentThenDecoded() {
        assertArrayEquals(KEY, load(Map.of("MCP_ENCRYPTION_KEY", KEY_B64)).security().requireEncryptionKey());
    }

    @Test
    void encryptionKeyWhenFileThenRead(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("key"), KEY_B64 + "\n");
        assertArrayEquals(KEY, load(Map.of("MCP_ENCRYPTION_KEY_FILE", file.toString())).security().requireEncryptionKey());
    }

    @Test
    void encryptionKeyWhenWrongLengthThenKeyNamedValueNotShown() {
        String shortKey = Base64.getEncoder().encodeToString("sixteen-bytes-xx".getBytes());
        String message = assertThrows(InvalidConfigException.class,
                () -> load(Map.of("MCP_ENCRYPTION_KEY", shortKey))).getMessage();
        assertTrue(message.contains("platform.security.encryption-key"), message);
        assertFalse(message.contains(shortKey), message);
    }

    @Test
    void encryptionKeyWhenNotBase64ThenKeyNamed() {
        String message = assertThrows(InvalidConfigException.class,
                () -> load(Map.of("MCP_ENCRYPTION_KEY", "%%%not-base64%%%"))).getMessage();
        assertTrue(message.contains("MCP_ENCRYPTION_KEY"), message);
        assertFalse(message.contains("%%%"), message);
    }

    @Test
    void encryptionKeyWhenMissingThenOptionalUntilRequired() {
        SecuritySettings security = load(Map.of()).security();
        assertTrue(security.encryptionKey().isEmpty());
        String message = assertThrows(InvalidConfigException.class, security::requireEncryptionKey).getMessage();
        assertTrue(message.contains("platform.security.encryption-key"), message);
    }

    @Test
    void encryptionKeyWhenBothInlineAndFileThenRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("key"), KEY_B64);
        assertThrows(InvalidConfigException.class, () -> load(Map.of("MCP_ENCRYPTION_KEY", KEY_B64,
                "MCP_ENCRYPTION_KEY_FILE", file.toString())));
    }

    @Test
    void toStringNeverShowsTheKey() {
        PlatformConfig config = load(Map.of("MCP_ENCRYPTION_KEY", KEY_B64));
        assertFalse(config.toString().contains(KEY_B64));
        assertTrue(config.security().toString().contains("****"));
    }
}
