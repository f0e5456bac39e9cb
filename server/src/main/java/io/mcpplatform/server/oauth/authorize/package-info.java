/**
 * The authorization front of a tenant's OAuth server: {@code /authorize}, Entra's {@code /callback}, the consent
 * endpoints, pending authorizations and the routes. Issues codes only through {@code AuthorizationCodes}; never redirects on an invalid client or redirect URI.
 */
package io.mcpplatform.server.oauth.authorize;
