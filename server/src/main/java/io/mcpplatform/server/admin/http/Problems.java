package io.mcpplatform.server.admin.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * The one place where admin API failures become HTTP answers: RFC 9457 {@code application/problem+json} with
 * {@code type}, {@code title}, {@code status}, {@code detail} and, for validation errors, {@code field}.
 */
public final class Problems {
    /** Base of the {@code type} URIs. */
    public static final String TYPE_BASE = "urn:mcp-platform:admin:problem:";
    /** The media type of every error answer. */
    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    /** Writes the problem (headers included). */
    public static void send(ServerResponse res, ProblemException problem) {
        ObjectNode body = Json.MAPPER.createObjectNode()
                .put("type", TYPE_BASE + problem.code())
                .put("title", problem.title())
                .put("status", problem.status())
                .put("detail", problem.getMessage());
        problem.field().ifPresent(f -> body.put("field", f));
        problem.members().forEach(body::put);
        problem.headers().forEach(res::header);
        res.status(Status.create(problem.status()));
        res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(Json.write(body));
    }

    /** 503 with {@code Retry-After}: the database is unreachable right now. */
    public static ProblemException unavailable() {
        return new ProblemException(503, "unavailable", "Service unavailable", "the database is unreachable; retry later",
                java.util.Optional.empty(), java.util.Map.of("Retry-After",
                        Long.toString(io.mcpplatform.tenants.store.DatabaseDownException.RETRY_AFTER_SECONDS)));
    }

    /** 500 without details (the cause is logged by the caller, never sent). */
    public static ProblemException internal() {
        return new ProblemException(500, "internal", "Internal error", "the request failed; see the server log",
                java.util.Optional.empty(), java.util.Map.of());
    }
}
