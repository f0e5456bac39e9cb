/**
 * Benchmark-only endpoints that measure the web tier's ceiling on the same server.
 * Must never be enabled in production configuration.
 */
package io.mcpplatform.server.bench;
