/** The OpenAPI 3.1 document of the admin API. Serves a static document; the routes are defined elsewhere. */
package io.mcpplatform.server.admin.openapi;
