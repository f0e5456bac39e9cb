package io.mcpplatform.server.oauth.cimd;

/**
 * A metadata document could not be fetched safely. The message names the URL's host and the rule that failed, never
 * the response body.
 */
public final class DocumentFetchException extends Exception {

    /** Why the fetch was refused or failed. */
    public enum Reason {
        /** Not https, userinfo, fragment, no path, dot segments, bad port, too long. */
        INVALID_URL,
        /** The host did not resolve. */
        UNRESOLVABLE,
        /** Some resolved address is loopback, private, link-local, metadata, multicast, ... */
        FORBIDDEN_ADDRESS,
        /** TCP connect or TLS handshake failed (including an untrusted or mismatched certificate). */
        CONNECT_FAILED,
        /** The whole exchange did not finish within the time limit. */
        TIMEOUT,
        /** The server answered with a redirect; redirects are never followed. */
        REDIRECT,
        /** Any status other than 200. */
        HTTP_STATUS,
        /** Body or headers larger than the limits. */
        TOO_LARGE,
        /** The content type is not JSON. */
        NOT_JSON,
        /** The response is not well-formed HTTP/1.1. */
        MALFORMED_RESPONSE
    }

    private final Reason reason;

    public DocumentFetchException(Reason reason, String message) {
        super(reason + ": " + message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
