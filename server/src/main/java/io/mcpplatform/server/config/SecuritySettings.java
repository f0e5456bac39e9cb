package io.mcpplatform.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code platform.security.*}: the key that seals secrets at rest (upstream tokens, the OBO cache). Either
 * {@code encryption-key} (env {@code MCP_ENCRYPTION_KEY}: base64 of 32 bytes) or {@code encryption-key-file} (env
 * {@code MCP_ENCRYPTION_KEY_FILE}: a file holding that base64, e.g. a mounted Kubernetes secret). The key is never
 * printed: errors name the key, not its value, and {@link #toString()} masks it.
 */
public final class SecuritySettings {
    /** Configuration key of the inline key. */
    public static final String KEY = "platform.security.encryption-key";
    /** Configuration key of the key file. */
    public static final String KEY_FILE = "platform.security.encryption-key-file";

    private final byte[] encryptionKey;

    private SecuritySettings(byte[] encryptionKey) {
        this.encryptionKey = encryptionKey;
    }

    /** No key configured. */
    public static SecuritySettings none() {
        return new SecuritySettings(null);
    }

    /** A key given directly (tests, devstack). */
    public static SecuritySettings of(byte[] key) {
        if (key == null || key.length != 32) {
            throw new InvalidConfigException(KEY + " must be 32 bytes");
        }
        return new SecuritySettings(key.clone());
    }

    static SecuritySettings create(ConfigValues values) {
        Optional<String> inline = values.optionalString("encryption-key");
        Optional<String> file = values.optionalString("encryption-key-file");
        if (inline.isPresent() && file.isPresent()) {
            throw new InvalidConfigException("set only one of " + values.key("encryption-key") + " and "
                    + values.key("encryption-key-file"));
        }
        if (inline.isPresent()) {
            return new SecuritySettings(decode(inline.get(), values.key("encryption-key") + " (MCP_ENCRYPTION_KEY)"));
        }
        if (file.isPresent()) {
            String name = values.key("encryption-key-file") + " (MCP_ENCRYPTION_KEY_FILE)";
            try {
                return new SecuritySettings(decode(Files.readString(Path.of(file.get()), StandardCharsets.US_ASCII),
                        "the file named by " + name));
            } catch (IOException | RuntimeException e) {
                if (e instanceof InvalidConfigException ice) {
                    throw ice;
                }
                throw new InvalidConfigException(name + " names " + file.get() + ", which is not a readable file");
            }
        }
        return none();
    }

    private static byte[] decode(String base64, String what) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(what + " must be base64 of 32 random bytes (openssl rand -base64 32)");
        }
        if (key.length != 32) {
            throw new InvalidConfigException(what + " must decode to 32 bytes, it decodes to " + key.length);
        }
        return key;
    }

    /** The key, if one is configured (a copy). */
    public Optional<byte[]> encryptionKey() {
        return Optional.ofNullable(encryptionKey).map(byte[]::clone);
    }

    /**
     * The key, required because a tenant requires sign-in (tokens must be sealed).
     *
     * @throws InvalidConfigException naming the configuration key when none is set
     */
    public byte[] requireEncryptionKey() {
        if (encryptionKey == null) {
            throw new InvalidConfigException(KEY + " (env MCP_ENCRYPTION_KEY) or " + KEY_FILE
                    + " (env MCP_ENCRYPTION_KEY_FILE) is required: it seals tokens and signing keys at rest"
                    + " (generate one with: openssl rand -base64 32)");
        }
        return encryptionKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecuritySettings other && Arrays.equals(encryptionKey, other.encryptionKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encryptionKey);
    }

    @Override
    public String toString() {
        return "SecuritySettings[encryptionKey=" + (encryptionKey == null ? "none" : "****") + "]";
    }
}
