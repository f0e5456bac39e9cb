package io.mcpplatform.devstack.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.Set;

/**
 * What Graph refuses in an application update, with its error codes, and how an accepted update is applied
 * (top-level properties replaced; the complex properties {@code api} and {@code web} merged property by property).
 */
final class ApplicationRules {
    private static final Set<String> AUDIENCES = Set.of("AzureADMyOrg", "AzureADMultipleOrgs",
            "AzureADandPersonalMicrosoftAccount", "PersonalMicrosoftAccount");
    private static final Set<String> READ_ONLY = Set.of("id", "appId", "createdDateTime", "passwordCredentials");

    private ApplicationRules() {
    }

    /** {@code "Code: message"} when Graph would refuse {@code update} of {@code app}, else empty. */
    static Optional<String> problem(ObjectNode app, JsonNode update) {
        if (update == null || !update.isObject()) {
            return Optional.of("BadRequest: The request body must be a JSON object.");
        }
        for (String field : READ_ONLY) {
            if (update.has(field)) {
                return Optional.of("Request_BadRequest: Property '" + field + "' is read-only and cannot be set.");
            }
        }
        String appId = app.path("appId").asText();
        for (JsonNode uri : update.path("identifierUris")) {
            if (!uri.asText().equals("api://" + appId) && !uri.asText().startsWith("api://" + appId + "/")) {
                return Optional.of("HostNameNotOnVerifiedDomain: Values of identifierUris property must use a"
                        + " verified domain of the organization or its subdomain: '" + uri.asText() + "'");
            }
        }
        if (update.has("signInAudience") && !AUDIENCES.contains(update.get("signInAudience").asText())) {
            return Optional.of("Request_BadRequest: Invalid value specified for property 'signInAudience'.");
        }
        JsonNode version = update.path("api").path("requestedAccessTokenVersion");
        if (!version.isMissingNode() && !version.isNull() && !(version.isInt() && (version.asInt() == 1
                || version.asInt() == 2))) {
            return Optional.of("Request_BadRequest: requestedAccessTokenVersion must be null, 1 or 2.");
        }
        for (JsonNode uri : update.path("web").path("redirectUris")) {
            String u = uri.asText();
            if (!u.startsWith("https://") && !u.startsWith("http://localhost") && !u.startsWith("http://127.0.0.1")) {
                return Optional.of("Request_BadRequest: Invalid value specified for property 'redirectUris':"
                        + " http is allowed only for localhost.");
            }
        }
        return scopesProblem(app, update.path("api").path("oauth2PermissionScopes"));
    }

    private static Optional<String> scopesProblem(ObjectNode app, JsonNode scopes) {
        if (scopes.isMissingNode()) {
            return Optional.empty();
        }
        for (JsonNode scope : scopes) {
            if (!scope.path("id").asText("").matches("[0-9a-fA-F-]{36}") || scope.path("value").asText("").isBlank()
                    || scope.path("value").asText().contains(" ")) {
                return Optional.of("Request_BadRequest: Each permission scope needs an id (GUID) and a value"
                        + " without spaces.");
            }
        }
        for (JsonNode existing : app.path("api").path("oauth2PermissionScopes")) {
            if (!existing.path("isEnabled").asBoolean(false)) {
                continue;
            }
            boolean kept = false;
            for (JsonNode scope : scopes) {
                if (scope.path("id").asText().equals(existing.path("id").asText())) {
                    kept = scope.path("value").asText().equals(existing.path("value").asText())
                            || !scope.path("isEnabled").asBoolean(false);
                }
            }
            if (!kept) {
                return Optional.of("CannotDeleteOrUpdateEnabledEntitlement: Permission (scope or role) cannot be"
                        + " deleted or updated unless disabled first.");
            }
        }
        return Optional.empty();
    }

    /** Applies an accepted update. */
    static void merge(ObjectNode app, ObjectNode update) {
        update.fields().forEachRemaining(e -> {
            if ((e.getKey().equals("api") || e.getKey().equals("web")) && e.getValue().isObject()
                    && app.path(e.getKey()).isObject()) {
                ((ObjectNode) app.get(e.getKey())).setAll((ObjectNode) e.getValue());
            } else {
                app.set(e.getKey(), e.getValue());
            }
        });
    }
}
