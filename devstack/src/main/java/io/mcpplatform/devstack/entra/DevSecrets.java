package io.mcpplatform.devstack.entra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets the local platform generates on first run and reuses: files of mode 0600 in the data directory, never
 * printed.
 */
public final class DevSecrets {
    /** The key that seals secrets at rest (base64 of 32 bytes), for {@code platform.security.encryption-key-file}. */
    public static final String ENCRYPTION_KEY_FILE = "encryption.key";
    /** The demo apps' client secret, which the stand-in requires and the tenants reference as {@code secret:file:}. */
    public static final String CLIENT_SECRET_FILE = "stand-in-client-secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DevSecrets() {
    }

    /** The encryption key file in {@code dataDir}, created when missing. */
    public static Path encryptionKey(Path dataDir) {
        return createIfMissing(dataDir.resolve(ENCRYPTION_KEY_FILE));
    }

    /** File of the dev admin API bootstrap key (generated per data directory, never committed). */
    public static final String ADMIN_KEY_FILE = "admin-bootstrap-key";

    /** The dev admin API bootstrap key file in {@code dataDir}, created when missing. */
    public static Path adminKey(Path dataDir) {
        return createIfMissing(dataDir.resolve(ADMIN_KEY_FILE));
    }

    /** SHA-256 (hex) of a key, the form {@code platform.admin-api.bootstrap-key-sha256} takes. */
    public static String sha256Hex(String key) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client secret file in {@code dataDir}, created when missing. */
    public static Path clientSecret(Path dataDir) {
        return createIfMissing(dataDir.resolve(CLIENT_SECRET_FILE));
    }

    /** The content of a secret file (trimmed). */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createIfMissing(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            Path created = Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(created, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
            return created;
        } catch (FileAlreadyExistsException e) {
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
