/**
 * The admin API's HTTP edge: routes, the router (authentication, access, bounded bodies), typed reads of JSON
 * fields and the one mapping of failures to RFC 9457 problems. Knows no resource.
 */
package io.mcpplatform.server.admin.http;
