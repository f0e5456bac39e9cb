package io.mcpplatform.server.admin.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A successful answer: status, an optional JSON body (serialised by the router) and extra headers.
 *
 * @param status  HTTP status
 * @param body    JSON-serialisable value, or null for no body
 * @param headers extra headers (e.g. {@code ETag})
 */
public record AdminResponse(int status, Object body, Map<String, String> headers) {
    public AdminResponse {
        headers = Map.copyOf(headers);
    }

    public static AdminResponse ok(Object body) {
        return new AdminResponse(200, body, Map.of());
    }

    public static AdminResponse noContent() {
        return new AdminResponse(204, null, Map.of());
    }

    /** The same answer with one more header. */
    public AdminResponse withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new AdminResponse(status, body, all);
    }
}
