package io.mcpplatform.server.oauth.token;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one place where the token and revocation endpoints' refusals are made and become responses:
 * {@code {"error":..., "error_description":...}} with {@code Cache-Control: no-store} and {@code Pragma: no-cache}
 * (RFC 6749 section 5.2), and successful JSON answers with the same headers.
 */
public final class OAuthErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OAuthErrors() {
    }

    static OAuthException invalidRequest(String description) {
        return new OAuthException("invalid_request", description, 400, Optional.empty());
    }

    /** 401; with {@code WWW-Authenticate: Basic} when the client tried (or must use) HTTP Basic. */
    static OAuthException invalidClient(String description, Optional<String> basicRealm) {
        return new OAuthException("invalid_client", description, 401,
                basicRealm.map(realm -> "Basic realm=\"" + realm + "\", charset=\"UTF-8\""));
    }

    static OAuthException invalidGrant(String description) {
        return new OAuthException("invalid_grant", description, 400, Optional.empty());
    }

    static OAuthException unauthorizedClient(String description) {
        return new OAuthException("unauthorized_client", description, 400, Optional.empty());
    }

    static OAuthException unsupportedGrantType(String description) {
        return new OAuthException("unsupported_grant_type", description, 400, Optional.empty());
    }

    static OAuthException invalidScope(String description) {
        return new OAuthException("invalid_scope", description, 400, Optional.empty());
    }

    static OAuthException invalidTarget(String description) {
        return new OAuthException("invalid_target", description, 400, Optional.empty());
    }

    static OAuthException unsupportedTokenType(String description) {
        return new OAuthException("unsupported_token_type", description, 400, Optional.empty());
    }

    static OAuthException tooLarge(int limit) {
        return new OAuthException("invalid_request", "request body exceeds " + limit + " bytes", 413, Optional.empty());
    }

    static OAuthException unsupportedMediaType() {
        return new OAuthException("invalid_request", "Content-Type must be application/x-www-form-urlencoded", 415,
                Optional.empty());
    }

    static OAuthException notFound() {
        return new OAuthException("invalid_request", "no authorization server here", 404, Optional.empty());
    }

    static OAuthException serverError() {
        return new OAuthException("server_error", "the request could not be processed", 500, Optional.empty());
    }

    /** 429: the tenant's request rate is exceeded ({@code temporarily_unavailable}, RFC 6749 section 4.1.2.1). */
    public static OAuthException tooManyRequests(long retryAfterSeconds) {
        return new OAuthException("temporarily_unavailable", "too many requests for this tenant; retry later", 429,
                Optional.empty(), retryAfterSeconds);
    }

    /** 503: the database (or another service the request needs) is unreachable right now. */
    public static OAuthException temporarilyUnavailable(long retryAfterSeconds) {
        return new OAuthException("temporarily_unavailable", "the service is temporarily unavailable; retry later",
                503, Optional.empty(), retryAfterSeconds);
    }

    /** Writes the 429 refusal of the request-rate limit (used by the rate filter, before any endpoint runs). */
    public static void sendTooManyRequests(ServerResponse res, long retryAfterSeconds) {
        send(res, tooManyRequests(retryAfterSeconds));
    }

    /** Writes the error response. */
    public static void send(ServerResponse res, OAuthException e) {
        e.challenge().ifPresent(c -> res.header(HeaderNames.WWW_AUTHENTICATE, c));
        if (e.retryAfterSeconds() > 0) {
            res.header(HeaderNames.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("error", e.error());
        body.put("error_description", e.description());
        sendJson(res, e.status(), body);
    }

    /** Writes a JSON answer that must not be cached (token responses and errors). */
    static void sendJson(ServerResponse res, int status, ObjectNode body) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "application/json;charset=UTF-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.PRAGMA, "no-cache");
        res.send(body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
