/**
 * Tenant credentials kept by the platform itself (sealed client secrets and certificates given to the admin API).
 * Never returns a value outside the process; never logs one.
 */
package io.mcpplatform.server.entra.credentials;
