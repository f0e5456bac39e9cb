package io.mcpplatform.server.oauth.keys;

import io.helidon.security.jwt.jwk.JwkRSA;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/** RSA-2048 key pairs for RS256: generation, the public JWK, PKCS#8 encoding, and Helidon {@link JwkRSA} views. */
final class RsaKeyMaterial {
    static final String ALGORITHM = JwkRSA.ALG_RS256;
    private static final int BITS = 2048;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private RsaKeyMaterial() {
    }

    /** A fresh key pair. */
    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation unavailable", e);
        }
    }

    /** The public JWK ({@code kty, kid, use, alg, n, e}) as compact JSON. */
    static String publicJwk(RSAPublicKey key, String kid) {
        ObjectNode jwk = JSON.createObjectNode();
        jwk.put("kty", "RSA");
        jwk.put("kid", kid);
        jwk.put("use", "sig");
        jwk.put("alg", ALGORITHM);
        jwk.put("n", unsigned(key.getModulus()));
        jwk.put("e", unsigned(key.getPublicExponent()));
        return jwk.toString();
    }

    /** A verification-only Helidon JWK from the stored public JSON. */
    static JwkRSA publicOnly(String publicJwk) {
        return JwkRSA.create(parse(publicJwk));
    }

    /** A signing Helidon JWK: the stored public JSON plus the opened PKCS#8 private key. */
    static JwkRSA signing(String publicJwk, byte[] pkcs8) {
        try {
            JwkRSA pub = publicOnly(publicJwk);
            RSAPrivateKey privateKey = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return JwkRSA.builder()
                    .publicKey((RSAPublicKey) pub.publicKey())
                    .privateKey(privateKey)
                    .keyId(pub.keyId())
                    .algorithm(ALGORITHM)
                    .usage("sig")
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored signing key is not an RSA PKCS#8 key", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return B64URL.encodeToString(bytes);
    }
}
