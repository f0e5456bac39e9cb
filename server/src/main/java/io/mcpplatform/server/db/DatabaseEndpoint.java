package io.mcpplatform.server.db;

/**
 * Where the database is and who connects to it, after configuration and the embedded default are resolved.
 *
 * @param jdbcUrl       {@code jdbc:postgresql://host:port/database}
 * @param appUser       the application role (owns nothing, cannot bypass row-level security)
 * @param appPassword   its password
 * @param ownerUser     the schema owner that runs migrations (may be empty when migrations are not run here)
 * @param ownerPassword its password
 * @param appRole       the role migrations grant privileges to
 */
public record DatabaseEndpoint(String jdbcUrl,
                               String appUser,
                               String appPassword,
                               String ownerUser,
                               String ownerPassword,
                               String appRole) {

    @Override
    public String toString() {
        return "DatabaseEndpoint[jdbcUrl=" + jdbcUrl + ", appUser=" + appUser + ", appPassword=****, ownerUser="
                + ownerUser + ", ownerPassword=****, appRole=" + appRole + "]";
    }
}
