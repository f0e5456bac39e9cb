/**
 * The consent page (server-rendered, every value escaped), its CSRF cookie, and remembered, revocable consents.
 * Never renders unescaped input; never reads another user's consents (row-level security).
 */
package io.mcpplatform.server.oauth.consent;
