/**
 * PostgreSQL storage of the per-user on-behalf-of token caches, sealed with the user's tenant and oid as associated data.
 * Must not decide anything about tokens: it stores and loads opaque caches under row-level security.
 */
package io.mcpplatform.server.obo.store;
