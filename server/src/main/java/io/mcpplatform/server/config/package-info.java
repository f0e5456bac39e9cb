/**
 * Configuration as immutable, validated records built once at start-up; failures name the key.
 * Nothing here is looked up at request time, and no record's toString shows a secret.
 */
package io.mcpplatform.server.config;
