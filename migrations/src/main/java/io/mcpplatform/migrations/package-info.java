/**
 * The Flyway migrations (under {@code db/migration}) and the runner that applies them as the schema owner, at server
 * start-up or from the Helm hook Job ({@link io.mcpplatform.migrations.MigrationMain}).
 * Nothing here talks to the database at request time, and nothing here ever logs or throws a password.
 */
package io.mcpplatform.migrations;
