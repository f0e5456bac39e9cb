/**
 * Acting as the signed-in user towards Microsoft Graph for tool packs: a Graph client per user (on-behalf-of) and the
 * tenant's admin-group decision shared by every pack with admin-only tools. Must not hold app-only tokens or let one
 * user's token or decision serve another user.
 */
package io.mcpplatform.server.tools.identity;
