package io.mcpplatform.server.entra;

import io.mcpplatform.tenants.EntraApp;

import java.net.URI;

/**
 * Where a tenant's Entra app lives: the URLs the browser, msal4j and the token validator use. Production derives them
 * from the app's authority host ({@link #cloud()}); the devstack points the browser and the key set at its local
 * stand-in while msal4j keeps the real authority (and reaches the stand-in through a rewriting HTTP client).
 */
public interface EntraEndpoints {

    /** The browser's sign-in URL, {@code {authority}/{tid}/oauth2/v2.0/authorize}. */
    URI authorizationEndpoint(EntraApp app);

    /** The msal4j authority, {@code {authority}/{tid}/} (always https: msal4j rejects anything else). */
    String msalAuthority(EntraApp app);

    /** The exact {@code iss} of v2 tokens, {@code https://login.microsoftonline.com/{tid}/v2.0} in the public cloud. */
    String issuer(EntraApp app);

    /** The signing keys, {@code {authority}/{tid}/discovery/v2.0/keys}. */
    URI jwksUri(EntraApp app);

    /** The production endpoints, derived from each app's authority host. */
    static EntraEndpoints cloud() {
        return CloudEndpoints.INSTANCE;
    }
}
