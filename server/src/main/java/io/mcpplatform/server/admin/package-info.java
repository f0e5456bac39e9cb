/**
 * The tenant admin REST API ({@code /admin/v1} on the admin socket), assembled from one sub-package per feature.
 * Must not be reachable on the public socket; must not return or log secrets.
 */
package io.mcpplatform.server.admin;
