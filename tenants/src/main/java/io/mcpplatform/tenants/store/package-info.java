/**
 * Persistence for the tenant domain: the Hibernate Reactive {@link io.mcpplatform.tenants.store.Database}, its
 * settings, and the repository implementations with their JPA entities (which never leave this package).
 * Never runs DDL (Flyway owns the schema), never awaits a reactive chain step by step, never logs a password.
 */
package io.mcpplatform.tenants.store;
