/**
 * The expenses of each user in PostgreSQL, under row-level security set per transaction from the signed-in user.
 * Must not read or change another user's rows: tenant-wide work goes only through the schema's SECURITY DEFINER
 * functions (aggregates, erasure).
 */
package io.mcpplatform.server.tools.expenses.store;
