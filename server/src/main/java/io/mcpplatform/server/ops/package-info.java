/**
 * Operations: health on the admin socket (liveness never depends on the database), Prometheus metrics there, and the
 * per-tenant meters fed from the public socket (request filter, OBO counter). Must not serve anything on the public
 * socket, and must never label a meter by user or by a value a caller makes up.
 */
package io.mcpplatform.server.ops;
