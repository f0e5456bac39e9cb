package io.mcpplatform.devstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.security.jwt.jwk.JwkRSA;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds JWTs the way an attacker would: any header and claims, signed with the tenant's real key (to isolate one
 * wrong claim), with an attacker's own RSA key, with HMAC over a public value, or not at all ({@code alg: none}).
 */
final class TokenForge {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** The attacker's own RSA key pair (published nowhere the platform trusts). */
    static final KeyPair ATTACKER = attackerKeys();

    private TokenForge() {
    }

    /** A header and claims to sign; both mutable copies. */
    record Parts(Map<String, Object> header, Map<String, Object> claims) {
        Parts with(Consumer<Parts> change) {
            Parts copy = new Parts(new LinkedHashMap<>(header), new LinkedHashMap<>(claims));
            change.accept(copy);
            return copy;
        }

        String signingInput() {
            return B64.encodeToString(json(header)) + "." + B64.encodeToString(json(claims));
        }
    }

    /** Signs with RS256 using a Helidon JWK that holds a private key (the tenant's real signing key). */
    static String rs256(Parts parts, JwkRSA key) {
        String input = parts.signingInput();
        return input + "." + B64.encodeToString(key.sign(input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Signs with RS256 using any private key (the attacker's). */
    static String rs256(Parts parts, PrivateKey key) {
        String input = parts.signingInput();
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HS256 with {@code secret} as the HMAC key (HS/RS confusion when the secret is the public key). */
    static String hs256(Parts parts, byte[] secret) {
        String input = parts.signingInput();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** No signature at all. */
    static String unsigned(Parts parts) {
        return parts.signingInput() + ".";
    }

    /** The attacker's public key as a JWK (for {@code jwk} headers and attacker-hosted JWKS). */
    static Map<String, Object> attackerJwk(String kid) {
        RSAPublicKey pub = (RSAPublicKey) ATTACKER.getPublic();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("kid", kid);
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("n", B64.encodeToString(unsigned(pub.getModulus().toByteArray())));
        jwk.put("e", B64.encodeToString(unsigned(pub.getPublicExponent().toByteArray())));
        return jwk;
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement.length > 1 && twosComplement[0] == 0
                ? java.util.Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
    }

    private static byte[] json(Map<String, Object> map) {
        try {
            return JSON.writeValueAsBytes(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair attackerKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
