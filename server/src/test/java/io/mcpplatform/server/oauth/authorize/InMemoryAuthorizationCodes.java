package io.mcpplatform.server.oauth.authorize;

import io.mcpplatform.server.oauth.clients.OpaqueValues;
import io.mcpplatform.server.oauth.codes.AuthorizationCodes;
import io.mcpplatform.server.oauth.codes.CodeGrant;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Test double of {@link AuthorizationCodes}: grants in a map by code. */
final class InMemoryAuthorizationCodes implements AuthorizationCodes {
    final Map<String, CodeGrant> issued = new ConcurrentHashMap<>();

    @Override
    public String issue(CodeGrant grant) {
        String code = OpaqueValues.random();
        issued.put(code, grant);
        return code;
    }

    @Override
    public Redemption redeem(UUID tenantId, String code, String clientId, String redirectUri, String codeChallenge) {
        CodeGrant g = issued.remove(code);
        return g == null ? new Redemption.Invalid() : new Redemption.Granted(UUID.randomUUID(), g);
    }
}
