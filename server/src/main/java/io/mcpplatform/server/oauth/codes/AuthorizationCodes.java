package io.mcpplatform.server.oauth.codes;

import java.util.Optional;
import java.util.UUID;

/**
 * Platform authorization codes: single use, short-lived, stored only as a hash. The authorize side issues them, the
 * token side redeems them.
 */
public interface AuthorizationCodes {

    /** Stores the grant and returns the code to hand to the client (high-entropy, URL-safe). */
    String issue(CodeGrant grant);

    /**
     * Redeems a code exactly once (of any number of concurrent calls with the same code, at most one gets the grant),
     * and only when it was issued to {@code clientId} for {@code redirectUri} with the
     * PKCE challenge {@code codeChallenge} (computed by the caller from the presented verifier). A code presented with
     * another client, redirect URI or verifier is not consumed and is reported as {@link Redemption.Mismatch}, so a
     * bad request changes nothing; a code already redeemed is {@link Redemption.Replayed} whoever presents it (so that
     * the tokens issued for it can be revoked); unknown and expired codes are {@link Redemption.Invalid}.
     */
    Redemption redeem(UUID tenantId, String code, String clientId, String redirectUri, String codeChallenge);

    /** The outcome of a redemption. */
    sealed interface Redemption {
        /** The first and only successful redemption. */
        record Granted(UUID codeId, CodeGrant grant) implements Redemption {
        }

        /** The code was redeemed before: a replay. */
        record Replayed(UUID codeId) implements Redemption {
        }

        /** Unknown, expired or belonging to another tenant. */
        record Invalid() implements Redemption {
        }

        /**
         * The code is live but was issued to another client, redirect URI or PKCE challenge; it was not consumed.
         *
         * @param what {@code client_id}, {@code redirect_uri} or {@code code_verifier}
         */
        record Mismatch(String what) implements Redemption {
        }
    }
}
