/**
 * Tenancy at the HTTP edge: resolving {@code {tenant}} from the path to an active tenant, from a cache kept in step
 * with the database. Must not query the database on the request path.
 */
package io.mcpplatform.server.tenancy;
