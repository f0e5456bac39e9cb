/** A tenant's registered OAuth clients: listing and revocation. Must not show client secrets or their hashes. */
package io.mcpplatform.server.admin.clients;
