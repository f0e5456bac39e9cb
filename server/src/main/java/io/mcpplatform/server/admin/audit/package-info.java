/** Queries of the audit log with filters and paging. Read-only. */
package io.mcpplatform.server.admin.audit;
