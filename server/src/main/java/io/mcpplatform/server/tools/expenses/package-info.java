/**
 * Pack {@code expenses}: tools that remember expenses per signed-in user (tenant, Entra oid), with validated amounts
 * in exact minor units, cursor pagination, summaries and an admin-only tenant-wide statistic. Must not let one user's
 * input select another user's rows: whose data is touched comes from the {@code UserContext} only.
 */
package io.mcpplatform.server.tools.expenses;
