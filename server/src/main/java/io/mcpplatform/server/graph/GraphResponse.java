package io.mcpplatform.server.graph;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * A successful (2xx) Graph answer.
 *
 * @param status the HTTP status (e.g. 201 when an upsert created the object, 204 when it updated it)
 * @param body   the JSON body, an empty object when there was none
 * @param date   the response's {@code Date} header, when present
 */
public record GraphResponse(int status, JsonNode body, Optional<String> date) {
}
