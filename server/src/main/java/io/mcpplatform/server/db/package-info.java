/**
 * Resolving the database at start-up: the configured one, or the embedded local default through a service provider.
 * Runs no queries of its own beyond start-up.
 */
package io.mcpplatform.server.db;
