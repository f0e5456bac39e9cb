package io.mcpplatform.server.provisioning.steps;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The provisioned application.
 *
 * @param objectId the application object's id (for {@code /applications/{id}})
 * @param appId    the application (client) id
 * @param json     the application as Graph last showed it
 */
public record RegisteredApp(String objectId, String appId, JsonNode json) {
    static RegisteredApp of(JsonNode app) {
        return new RegisteredApp(app.path("id").asText(), app.path("appId").asText(), app);
    }
}
