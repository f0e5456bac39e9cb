/**
 * Operations endpoints on the admin socket: health (liveness never depends on the database) and Prometheus metrics.
 * Must not expose anything on the public socket.
 */
package io.mcpplatform.server.ops;
