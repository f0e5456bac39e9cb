package io.mcpplatform.server.admin.http;

import java.util.Map;
import java.util.Optional;

/**
 * An admin API failure, thrown anywhere below the router and turned into one RFC 9457 {@code application/problem+json}
 * answer by {@link Problems}. Validation failures name the field (a JSON path such as {@code entra.clientId}).
 */
public final class ProblemException extends RuntimeException {
    private final int status;
    private final String code;
    private final String title;
    private final Optional<String> field;
    private final Map<String, String> headers;
    private final Map<String, String> members;

    public ProblemException(int status, String code, String title, String detail, Optional<String> field,
                            Map<String, String> headers) {
        this(status, code, title, detail, field, headers, Map.of());
    }

    /**
     * @param members extension members of the problem (RFC 9457 §3.2), e.g. the failed {@code step}; never secrets
     */
    public ProblemException(int status, String code, String title, String detail, Optional<String> field,
                            Map<String, String> headers, Map<String, String> members) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.field = field;
        this.headers = Map.copyOf(headers);
        this.members = new java.util.LinkedHashMap<>(members);
    }

    private static ProblemException of(int status, String code, String title, String detail) {
        return new ProblemException(status, code, title, detail, Optional.empty(), Map.of());
    }

    /** 400: a field has a bad value; {@code field} is its JSON path. */
    public static ProblemException invalid(String field, String detail) {
        return new ProblemException(400, "validation", "Invalid request", detail, Optional.of(field), Map.of());
    }

    /** 400: the body is not what the route accepts (not JSON, not an object). */
    public static ProblemException badRequest(String detail) {
        return of(400, "bad-request", "Bad request", detail);
    }

    /** 401 with the schemes the API accepts. */
    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "unauthorized", "Authentication required", detail, Optional.empty(),
                Map.of("WWW-Authenticate", "Bearer realm=\"admin\", ApiKey realm=\"admin\""));
    }

    /** 403: authenticated, not allowed. */
    public static ProblemException forbidden(String detail) {
        return of(403, "forbidden", "Not allowed", detail);
    }

    /** 404. */
    public static ProblemException notFound(String detail) {
        return of(404, "not-found", "Not found", detail);
    }

    /** 405 with {@code Allow}. */
    public static ProblemException methodNotAllowed(String allow) {
        return new ProblemException(405, "method-not-allowed", "Method not allowed",
                "this resource accepts " + allow, Optional.empty(), Map.of("Allow", allow));
    }

    /** 409. */
    public static ProblemException conflict(String detail) {
        return of(409, "conflict", "Conflict", detail);
    }

    /** 412: {@code If-Match} named another version. */
    public static ProblemException preconditionFailed(String currentEtag) {
        return new ProblemException(412, "precondition-failed", "Precondition failed",
                "the resource was changed since you read it; read it again and retry with its ETag",
                Optional.empty(), currentEtag == null ? Map.of() : Map.of("ETag", currentEtag));
    }

    /** 428: changing an existing resource needs {@code If-Match}. */
    public static ProblemException preconditionRequired() {
        return of(428, "precondition-required", "Precondition required",
                "send If-Match with the ETag you read (or If-Match: * to overwrite)");
    }

    /** 413. */
    public static ProblemException tooLarge(int max) {
        return of(413, "too-large", "Request too large", "the body may have at most " + max + " bytes");
    }

    /** 415. */
    public static ProblemException unsupportedMediaType() {
        return of(415, "unsupported-media-type", "Unsupported media type", "send Content-Type: application/json");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public Optional<String> field() {
        return field;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** Extension members, in order. */
    public Map<String, String> members() {
        return java.util.Collections.unmodifiableMap(members);
    }
}
