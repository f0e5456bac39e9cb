/** A tenant's users: listing, revocation of consents and tokens, erasure. Must not show tokens. */
package io.mcpplatform.server.admin.users;
