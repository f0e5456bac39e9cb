/**
 * Who calls the admin API: the bootstrap key, operators' and tenant admins' Entra tokens (app roles). Fails closed;
 * never logs a key or token.
 */
package io.mcpplatform.server.admin.auth;
