/**
 * Pack {@code graph}: tools that call Microsoft Graph as the signed-in user with an on-behalf-of token. Must not hold
 * app-only tokens or share a user's token or admin decision with another user.
 */
package io.mcpplatform.server.tools.graph;
