package io.mcpplatform.server.admin.auth;

import io.mcpplatform.server.config.ConfigValues;
import io.mcpplatform.server.config.InvalidConfigException;
import io.mcpplatform.tenants.EntraApp;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code platform.admin-api.*}: who may call the admin API as a platform operator.
 *
 * @param bootstrapKeySha256 SHA-256 (hex) of the bootstrap API key ({@code Authorization: ApiKey <key>}); empty: no
 *                           key is accepted. Only the hash is configured, never the key
 * @param operatorApp        the platform's own Entra app, whose tokens with app role {@value #OPERATOR_ROLE} make an
 *                           operator; empty: operators authenticate only with the bootstrap key
 * @param maxBodyBytes       largest accepted request body
 */
public record AdminApiSettings(Optional<byte[]> bootstrapKeySha256, Optional<EntraApp> operatorApp, int maxBodyBytes) {
    /** The app role of platform operators in the platform's own Entra app. */
    public static final String OPERATOR_ROLE = "Platform.Admin";
    /** The app role of tenant administrators in a tenant's Entra app. */
    public static final String TENANT_ADMIN_ROLE = "Tenant.Admin";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    public AdminApiSettings {
        bootstrapKeySha256 = bootstrapKeySha256.map(byte[]::clone);
    }

    /** No operator credential at all (only tenant admins can call). */
    public static AdminApiSettings none() {
        return new AdminApiSettings(Optional.empty(), Optional.empty(), 65_536);
    }

    /**
     * Reads {@code platform.admin-api}.
     *
     * @throws InvalidConfigException naming the key
     */
    public static AdminApiSettings create(ConfigValues values) {
        Optional<byte[]> hash = values.optionalString("bootstrap-key-sha256").map(h -> {
            if (!SHA256_HEX.matcher(h).matches()) {
                throw new InvalidConfigException(values.key("bootstrap-key-sha256")
                        + " must be the SHA-256 of the key as 64 hex digits (sha256sum), not the key itself");
            }
            return HexFormat.of().parseHex(h.toLowerCase(Locale.ROOT));
        });
        ConfigValues app = values.child("operator-app");
        Optional<String> tenantId = app.optionalString("tenant-id");
        Optional<String> clientId = app.optionalString("client-id");
        if (tenantId.isPresent() != clientId.isPresent()) {
            throw new InvalidConfigException("set both " + app.key("tenant-id") + " and " + app.key("client-id")
                    + " (the platform's own Entra app) or neither");
        }
        Optional<EntraApp> operatorApp;
        try {
            operatorApp = tenantId.map(t -> new EntraApp(t, clientId.orElseThrow(), "federated:env",
                    app.string("authority", EntraApp.PUBLIC_CLOUD)));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(app.key("") + " " + e.getMessage());
        }
        int maxBody = values.intInRange("max-body-bytes", 65_536, 1024, 1_048_576);
        return new AdminApiSettings(hash, operatorApp, maxBody);
    }

    @Override
    public String toString() {
        return "AdminApiSettings[bootstrapKey=" + (bootstrapKeySha256.isPresent() ? "configured" : "none")
                + ", operatorApp=" + operatorApp.map(EntraApp::clientId).orElse("none") + "]";
    }
}
