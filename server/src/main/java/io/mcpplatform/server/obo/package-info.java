/**
 * On-behalf-of: downstream tokens for the signed-in user through Entra, cached per (tenant, user) and sealed at rest.
 * Never issues app-only tokens and never serves one user's token to another.
 */
package io.mcpplatform.server.obo;
