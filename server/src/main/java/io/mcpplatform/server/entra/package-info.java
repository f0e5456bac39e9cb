/**
 * Microsoft Entra ID as the upstream identity provider: the platform's sign-in at a tenant's app (msal4j), validation
 * of Entra access tokens, and the encrypted store of the users' Entra tokens. Entra tokens never leave the server.
 */
package io.mcpplatform.server.entra;
