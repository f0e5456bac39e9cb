package io.mcpplatform.server.oauth.token;

import io.mcpplatform.server.crypto.OpaqueTokens;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/** PKCE (RFC 7636), S256 only: the verifier's syntax and the challenge it stands for. */
final class Pkce {
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");

    private Pkce() {
    }

    /**
     * {@code BASE64URL(SHA256(ASCII(verifier)))}.
     *
     * @throws OAuthException {@code invalid_request} when the verifier is not 43–128 unreserved characters
     */
    static String s256Challenge(String verifier) {
        if (!VERIFIER.matcher(verifier).matches()) {
            throw OAuthErrors.invalidRequest("code_verifier must be 43 to 128 characters of [A-Z a-z 0-9 - . _ ~]");
        }
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(OpaqueTokens.sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
    }
}
