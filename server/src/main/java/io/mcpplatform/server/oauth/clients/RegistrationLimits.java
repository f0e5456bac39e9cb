package io.mcpplatform.server.oauth.clients;

/**
 * Limits of dynamic client registration.
 *
 * @param maxBodyBytes         largest registration request body
 * @param maxRedirectUris      most redirect URIs one client may register
 * @param maxRedirectUriLength longest redirect URI in characters
 * @param maxClientNameLength  longest {@code client_name} in characters
 * @param maxClientsPerTenant  most active dynamically registered clients per tenant
 */
public record RegistrationLimits(int maxBodyBytes,
                                 int maxRedirectUris,
                                 int maxRedirectUriLength,
                                 int maxClientNameLength,
                                 int maxClientsPerTenant) {

    /** 16 KiB bodies, 10 redirect URIs of at most 2000 characters, names of 200, 10,000 clients per tenant. */
    public static RegistrationLimits defaults() {
        return new RegistrationLimits(16 * 1024, 10, 2000, 200, 10_000);
    }
}
