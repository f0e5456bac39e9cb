/**
 * The platform's sign-in at a tenant's Entra app with msal4j: authorization URLs, code redemption, app credentials.
 * Must not log, print or put into exception messages any token, code or secret.
 */
package io.mcpplatform.server.entra.signin;
