/**
 * PostgreSQL storage of the users' Entra tokens (sealed with the configured key) and of the users who signed in.
 * Must never write a plaintext token, nor read rows without setting the tenant and user for row-level security.
 */
package io.mcpplatform.server.entra.store;
