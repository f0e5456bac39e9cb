package io.mcpplatform.server.oauth.clients;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * High-entropy opaque values (client ids and secrets, states, CSRF tokens, PKCE verifiers) and the SHA-256 hashes
 * they are stored as. Hashing without salt is right for these: they carry 256 bits of randomness.
 */
public final class OpaqueValues {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private OpaqueValues() {
    }

    /** 32 random bytes, base64url without padding (43 characters). */
    public static String random() {
        return random(32);
    }

    /** {@code bytes} random bytes, base64url without padding. */
    public static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return URL.encodeToString(b);
    }

    /** SHA-256 of the UTF-8 bytes, lower-case hex. */
    public static String sha256Hex(String value) {
        return HexFormat.of().formatHex(sha256(value));
    }

    /** The PKCE S256 challenge of a verifier: base64url(SHA-256(ASCII(verifier))) without padding. */
    public static String s256(String verifier) {
        return URL.encodeToString(sha256(verifier));
    }

    /** Compares two strings in time independent of where they differ. */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
