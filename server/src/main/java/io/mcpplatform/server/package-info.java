/**
 * The application's entry point and its assembly ({@link io.mcpplatform.server.Platform}), shared by main, the
 * devstack and tests. Holds wiring only: behaviour lives in the feature packages.
 */
package io.mcpplatform.server;
