package io.mcpplatform.devstack.entra;

import com.nimbusds.oauth2.sdk.TokenRequest;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Shapes the tokens mock-oauth2-server's own grant handlers issue (the jwt-bearer on-behalf-of grant, client
 * credentials) for one directory as Entra v2 tokens: issuer, {@code tid}, {@code ver}, audience and {@code scp} from
 * the requested scope.
 */
final class EntraTokenCallback implements OAuth2TokenCallback {
    private final String tid;

    EntraTokenCallback(String tid) {
        this.tid = tid;
    }

    @Override
    public String issuerId() {
        return StandInTokens.issuerId(tid);
    }

    @Override
    public String subject(TokenRequest request) {
        return UUID.randomUUID().toString();
    }

    @Override
    public String typeHeader(TokenRequest request) {
        return "JWT";
    }

    @Override
    public List<String> audience(TokenRequest request) {
        String clientId = request.getClientAuthentication() != null
                ? request.getClientAuthentication().getClientID().getValue()
                : request.getClientID() == null ? "" : request.getClientID().getValue();
        return List.of(StandInTokens.audience(clientId, scopes(request)));
    }

    @Override
    public Map<String, Object> addClaims(TokenRequest request) {
        return Map.of("iss", StandInTokens.issuer(tid), "tid", tid, "ver", "2.0",
                "scp", StandInTokens.scp(scopes(request)));
    }

    @Override
    public long tokenExpiry() {
        return StandInTokens.LIFETIME.toSeconds();
    }

    private static List<String> scopes(TokenRequest request) {
        return StandInTokens.resourceScopes(request.getScope() == null ? "" : request.getScope().toString());
    }
}
