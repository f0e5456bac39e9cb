package io.mcpplatform.server.config;

import java.time.Duration;

/**
 * How the server follows the tenant registry ({@code platform.tenants.*}).
 *
 * @param refreshInterval how often each instance checks the registry's change counter, the fallback for the database's
 *                        NOTIFY (which brings a change in within milliseconds): a tenant added or disabled in the
 *                        database is live (or gone) on every instance within about this long even when a notification
 *                        is lost; also the pause before a lost LISTEN connection is reopened
 */
public record TenancySettings(Duration refreshInterval) {

    static TenancySettings create(ConfigValues values) {
        return new TenancySettings(values.duration("refresh-interval", Duration.ofSeconds(2),
                Duration.ofMillis(100), Duration.ofMinutes(5)));
    }
}
