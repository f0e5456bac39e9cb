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
     * Redeems a code exactly once: of any number of concurrent calls with the same code, at most one gets the grant.
     * A code that was already redeemed is reported as {@link Redemption.Replayed} (so that the tokens issued for it
     * can be revoked); unknown and expired codes as {@link Redemption.Invalid}.
     */
    Redemption redeem(UUID tenantId, String code);

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
    }
}
