/**
 * Pack {@code echo}: a trivial tool that returns its input, for demos, smoke tests and benchmarks.
 * Must not reach any external system.
 */
package io.mcpplatform.server.tools.echo;
