package io.mcpplatform.server.admin.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpplatform.server.admin.auth.AdminPrincipal;

import java.util.Map;
import java.util.Optional;

/**
 * An authenticated admin request as handlers see it.
 *
 * @param principal  the caller
 * @param pathParams path parameters of the route ({@code slug}, {@code clientId}, …)
 * @param query      query parameters (first value of each)
 * @param headers    the request headers handlers read ({@code If-Match}), names lower-case
 * @param body       the raw body (empty array when none)
 */
public record AdminRequest(AdminPrincipal principal, Map<String, String> pathParams, Map<String, String> query,
                           Map<String, String> headers, byte[] body) {

    public AdminRequest {
        pathParams = Map.copyOf(pathParams);
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** A path parameter the route declares. */
    public String path(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path parameter " + name);
        }
        return value;
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    public Optional<String> header(String lowerCaseName) {
        return Optional.ofNullable(headers.get(lowerCaseName));
    }

    /** The body as a JSON object. */
    public JsonNode jsonObject() {
        if (body.length == 0) {
            throw ProblemException.badRequest("a JSON object body is required");
        }
        JsonNode node = Json.parse(body);
        if (!node.isObject()) {
            throw ProblemException.badRequest("the body must be a JSON object");
        }
        return node;
    }

    /** The body as JSON (object or not), or empty when there is none. */
    public Optional<JsonNode> optionalJson() {
        return body.length == 0 ? Optional.empty() : Optional.of(Json.parse(body));
    }
}
