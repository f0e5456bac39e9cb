/**
 * The product's local default database: a persistent embedded PostgreSQL (zonky) on 127.0.0.1 with SCRAM passwords,
 * the owner and application roles and the {@code mcp} database, for running the platform on a laptop.
 * Never used in production images, never started on a non-loopback address, never logs or throws a password.
 */
package io.mcpplatform.devstack.db;
