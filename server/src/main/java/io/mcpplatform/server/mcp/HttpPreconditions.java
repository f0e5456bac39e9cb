package io.mcpplatform.server.mcp;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.util.List;
import java.util.Locale;

/**
 * Header checks every MCP request passes before its body is read: Host and Origin, Accept, Content-Type and
 * {@code MCP-Protocol-Version}. Each failure is a {@link McpHttpException} from {@link McpHttpErrors}.
 */
final class HttpPreconditions {
    static final HeaderName MCP_SESSION_ID = HeaderNames.create("Mcp-Session-Id");
    static final HeaderName MCP_PROTOCOL_VERSION = HeaderNames.create("MCP-Protocol-Version");
    static final HeaderName LAST_EVENT_ID = HeaderNames.create("Last-Event-ID");
    static final String JSON = "application/json";
    static final String EVENT_STREAM = "text/event-stream";

    private final OriginPolicy origins;
    private final List<String> protocolVersions;

    HttpPreconditions(OriginPolicy origins, List<String> protocolVersions) {
        this.origins = origins;
        this.protocolVersions = List.copyOf(protocolVersions);
    }

    /** DNS-rebinding protection. */
    void checkHostAndOrigin(ServerRequest req) {
        String origin = req.headers().first(HeaderNames.ORIGIN).orElse(null);
        if (!origins.originAllowed(origin)) {
            throw McpHttpErrors.forbidden("Origin not allowed");
        }
        String host = req.headers().first(HeaderNames.HOST).orElseGet(() -> req.authority());
        if (!origins.hostAllowed(host)) {
            throw McpHttpErrors.forbidden("Host not allowed");
        }
    }

    /** POST must accept both JSON and SSE and send JSON. */
    void checkPostHeaders(ServerRequest req) {
        String accept = String.join(",", req.headers().all(HeaderNames.ACCEPT, List::of));
        if (!accepts(accept, JSON) || !accepts(accept, EVENT_STREAM)) {
            throw McpHttpErrors.notAcceptable("Accept must include application/json and text/event-stream");
        }
        String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!JSON.equals(mediaType)) {
            throw McpHttpErrors.unsupportedMediaType();
        }
    }

    /** GET opens an SSE stream: the client must accept one. */
    void checkGetHeaders(ServerRequest req) {
        String accept = String.join(",", req.headers().all(HeaderNames.ACCEPT, List::of));
        if (!accepts(accept, EVENT_STREAM)) {
            throw McpHttpErrors.notAcceptable("Accept must include text/event-stream");
        }
    }

    /** The protocol version of a request after initialize; absent means 2025-03-26 (per the specification). */
    String checkProtocolVersion(ServerRequest req) {
        String version = req.headers().first(MCP_PROTOCOL_VERSION).map(String::trim)
                .orElse(McpSettings.DEFAULT_HEADER_PROTOCOL_VERSION);
        if (!protocolVersions.contains(version)) {
            throw McpHttpErrors.unsupportedProtocolVersion(version);
        }
        return version;
    }

    /** Whether an Accept header value admits the media type (exact, {@code type/*} or {@code * /*}). */
    static boolean accepts(String accept, String mediaType) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        String type = mediaType.substring(0, mediaType.indexOf('/'));
        for (String range : accept.split(",")) {
            String r = range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (r.equals(mediaType) || r.equals(type + "/*") || r.equals("*/*")) {
                return true;
            }
        }
        return false;
    }
}
