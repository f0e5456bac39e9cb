/**
 * Erasure of user and tenant data: the {@link io.mcpplatform.server.erasure.ErasableData} seam that every store of
 * user-scoped rows implements. Must not know the stores themselves; they register with it.
 */
package io.mcpplatform.server.erasure;
