/**
 * The local distribution: the dev entry point, demo tenants and the embedded database provider.
 * Never part of a production image; production code must not depend on anything here.
 */
package io.mcpplatform.devstack;
