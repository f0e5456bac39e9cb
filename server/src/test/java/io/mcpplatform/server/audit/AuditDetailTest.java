package io.mcpplatform.server.audit;

import io.mcpplatform.server.crypto.OpaqueTokens;
import io.mcpplatform.server.oauth.clients.OpaqueValues;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditDetailTest {
    private static final UUID TENANT = UUID.fromString("0b7f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b");

    /** A JWT shaped like the platform's access tokens (header, payload, signature). */
    private static String jwt() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"k1\"}".getBytes()) + "."
                + b64.encodeToString("{\"sub\":\"oid-1\",\"scope\":\"mcp:tools\"}".getBytes()) + "."
                + OpaqueTokens.random() + OpaqueTokens.random();
    }

    private static Object stored(String key, Object value) {
        return new AuditEvent(TENANT, "oid-1", "client-1", AuditActions.TOOL_CALL, Map.of(key, value)).detail().get(key);
    }

    @Test
    void textWhenAJwtIsPutInThenRedacted() {
        assertEquals(AuditDetail.REDACTED, stored("tool", jwt()));
        assertEquals(AuditDetail.REDACTED, stored("request_id", "Bearer " + jwt()));
    }

    @Test
    void textWhenARefreshTokenCodeOrClientSecretIsPutInThenRedacted() {
        List<String> leaks = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            for (String secret : List.of(OpaqueTokens.random(), OpaqueValues.random(), "mcp-" + OpaqueValues.random(24),
                    "Xy8Q~" + OpaqueValues.random(26).replace('-', '.'))) {
                if (!AuditDetail.REDACTED.equals(stored("tool", "call with " + secret + " inside"))) {
                    leaks.add(secret);
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    @Test
    void textWhenAnOrdinaryIdentifierThenKept() {
        for (String ok : List.of("signed_in_user", "graph_list_my_messages", "operator:bootstrap-key",
                "tenant-admin:" + UUID.randomUUID(), "api://" + UUID.randomUUID() + "/access_as_user", "mcp:tools",
                "https://client.example.com/oauth/client-metadata.json", "42", "acme-one", "k2J9cQ1xY7vB3nM5pL0zAw")) {
            assertEquals(ok, stored("tool", ok), ok);
        }
    }

    @Test
    void scopesWhenOneIsTokenShapedThenOnlyThatOneRedacted() {
        Object scopes = new AuditEvent(TENANT, "oid-1", "client-1", AuditActions.CONSENT_GRANTED,
                Map.of("scopes", List.of("mcp:tools", OpaqueTokens.random()))).detail().get("scopes");
        assertEquals(List.of("mcp:tools", AuditDetail.REDACTED), scopes);
    }

    @Test
    void codeWhenLowerCaseHexSecretThenRedacted() {
        String hex = OpaqueValues.sha256Hex("the state of a sign-in");
        assertEquals(AuditDetail.REDACTED, new AuditEvent(TENANT, null, "c", AuditActions.SIGN_IN_FAILED,
                Map.of("error", "server_error", "entra_error", hex)).detail().get("entra_error"));
    }

    @Test
    void keyWhenNotInTheAllowListThenRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AuditEvent(TENANT, null,
                "c", AuditActions.TOKEN_ISSUED, Map.of("access_token", "x")));
        assertTrue(e.getMessage().contains("access_token"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent(TENANT, null, "c",
                AuditActions.TOKEN_ISSUED, Map.of("refresh_token", OpaqueTokens.random())));
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent(TENANT, null, "c",
                AuditActions.CODE_ISSUED, Map.of("code", OpaqueTokens.random())));
    }

    @Test
    void idWhenATokenIsPutUnderJtiOrCodeIdThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent(TENANT, null, "c",
                AuditActions.TOKEN_ISSUED, Map.of("jti", jwt())));
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent(TENANT, null, "c",
                AuditActions.CODE_REDEEMED, Map.of("code_id", OpaqueTokens.random())));
        String jti = UUID.randomUUID().toString();
        assertEquals(jti, new AuditEvent(TENANT, null, "c", AuditActions.TOKEN_ISSUED, Map.of("jti", jti)).detail()
                .get("jti"));
    }

    @Test
    void valueWhenOfTheWrongKindThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent(TENANT, null, "c",
                AuditActions.TOKEN_REVOKED, Map.of("revoked", "yes")));
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent(TENANT, null, "c",
                AuditActions.USER_REVOKED, Map.of("tokensRevoked", "3")));
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent(TENANT, null, "c",
                AuditActions.SIGN_IN_FAILED, Map.of("error", "Not A Code")));
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent(TENANT, null, "c",
                AuditActions.USER_ERASED, Map.of("rows", Map.of("audit", "many"))));
    }

    @Test
    void actionWhenOutsideTheVocabularyThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent(TENANT, null, null, "oauth.whatever",
                Map.of()));
        for (String action : AuditActions.ALL) {
            assertEquals(action, new AuditEvent(TENANT, null, null, action, Map.of()).action());
        }
    }

    @Test
    void textWhenLongerThanTheLimitThenCut() {
        String kept = (String) stored("tool", "a".repeat(500));
        assertEquals(AuditDetail.MAX_TEXT, kept.length());
        assertFalse(kept.length() > AuditDetail.MAX_TEXT);
    }
}
