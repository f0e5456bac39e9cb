/**
 * The token side of a tenant's authorization server: {@code /token} (authorization_code with PKCE, refresh_token
 * rotation), {@code /revoke}, platform access tokens (RFC 9068 JWTs) and their verification, refresh-token families
 * and the access-token deny list. Never logs, echoes or stores a token in clear.
 */
package io.mcpplatform.server.oauth.token;
