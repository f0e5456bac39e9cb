/**
 * OAuth clients of a tenant: dynamic registration (RFC 7591), client-ID metadata documents and pre-registered clients,
 * and the redirect-URI rules. Never fetches a metadata document without the SSRF guard.
 */
package io.mcpplatform.server.oauth.clients;
