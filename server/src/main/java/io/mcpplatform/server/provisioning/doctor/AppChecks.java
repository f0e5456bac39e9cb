package io.mcpplatform.server.provisioning.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpplatform.server.provisioning.steps.ApiScope;

import java.util.List;
import java.util.function.Consumer;

/** Checks of the application object itself, as Graph shows it: audience, identifier URI, scope, version, redirect. */
final class AppChecks {
    private AppChecks() {
    }

    static void run(JsonNode app, DoctorTarget target, Consumer<Finding> out) {
        String appId = target.clientId();
        String audience = app.path("signInAudience").asText();
        out.accept("AzureADMyOrg".equals(audience) ? Finding.ok("sign-in audience", "single tenant")
                : Finding.warn("sign-in audience", "the app accepts " + audience + ", not only this directory",
                "set Supported account types to 'Accounts in this organizational directory only' under Authentication"));
        out.accept(contains(app.path("identifierUris"), "api://" + appId)
                ? Finding.ok("identifier URI", "api://" + appId)
                : Finding.fail("identifier URI", "api://" + appId + " is not an Application ID URI of the app",
                "set the Application ID URI to api://" + appId + " under Expose an API"));
        boolean scope = false;
        for (JsonNode s : app.path("api").path("oauth2PermissionScopes")) {
            scope |= ApiScope.VALUE.equals(s.path("value").asText()) && s.path("isEnabled").asBoolean(false);
        }
        out.accept(scope ? Finding.ok("API scope", ApiScope.VALUE + " exposed")
                : Finding.fail("API scope", "the app exposes no enabled delegated scope " + ApiScope.VALUE,
                "add the scope " + ApiScope.VALUE + " (admins and users) under Expose an API"));
        int version = app.path("api").path("requestedAccessTokenVersion").asInt(1);
        out.accept(version == 2 ? Finding.ok("token version", "Entra issues v2 access tokens")
                : Finding.fail("token version", "requestedAccessTokenVersion is "
                + (app.path("api").path("requestedAccessTokenVersion").isNull() ? "null (v1)" : version)
                + "; the platform validates v2 tokens only",
                "set \"requestedAccessTokenVersion\": 2 in the app's Manifest"));
        String callback = target.callbackUrl().toString();
        out.accept(contains(app.path("web").path("redirectUris"), callback)
                ? Finding.ok("redirect URI", callback)
                : Finding.fail("redirect URI", callback + " is not a Web redirect URI of the app",
                "add redirect URI " + callback + " (platform Web) under Authentication in the app registration"));
    }

    static boolean contains(JsonNode array, String value) {
        for (JsonNode v : array) {
            if (v.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    static List<String> missing(String granted, List<String> wanted) {
        List<String> have = List.of(granted.strip().split("\\s+"));
        return wanted.stream().filter(w -> !have.contains(w)).toList();
    }
}
