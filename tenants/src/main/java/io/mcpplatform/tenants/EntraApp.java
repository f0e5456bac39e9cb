package io.mcpplatform.tenants;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tenant's Microsoft Entra app registration: where its users sign in and how the platform proves it is that app.
 *
 * @param tenantId   the Entra directory (tenant) id, a GUID ({@code tid} in tokens)
 * @param clientId   the app registration's application (client) id, a GUID
 * @param credential a reference to the app credential, never the secret itself:
 *                   {@code secret:env:NAME} (a client secret in an environment variable),
 *                   {@code secret:file:/path} (a client secret in a mounted file),
 *                   {@code certificate:file:/path.pem} (PEM with private key and certificate),
 *                   {@code federated:file:/path} (a federated client assertion, e.g. the AKS workload identity token
 *                   file, re-read when it rotates), or {@code federated:env} (the file named by
 *                   {@code AZURE_FEDERATED_TOKEN_FILE}), or {@code secret:stored:{tenant}/{id}} /
 *                   {@code certificate:stored:{tenant}/{id}} (a value given to the admin API, kept sealed in
 *                   {@code tenant_credentials})
 * @param authority  the cloud's login host, {@code https://login.microsoftonline.com} for the public cloud
 *                   ({@code https://login.microsoftonline.us}, {@code https://login.chinacloudapi.cn} for sovereign clouds)
 */
public record EntraApp(String tenantId, String clientId, String credential, String authority) {
    /** The public cloud's login host. */
    public static final String PUBLIC_CLOUD = "https://login.microsoftonline.com";
    private static final String UUID_TEXT = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern CREDENTIAL = Pattern.compile(
            "(secret:env:[A-Za-z_][A-Za-z0-9_]*|secret:file:/.+|certificate:file:/.+|federated:file:/.+|federated:env"
                    + "|(?:secret|certificate):stored:" + UUID_TEXT + "/" + UUID_TEXT + ")");

    public EntraApp {
        requireGuid("entra tenant id", tenantId);
        requireGuid("entra client id", clientId);
        Objects.requireNonNull(credential, "credential");
        if (!CREDENTIAL.matcher(credential).matches()) {
            throw new IllegalArgumentException("credential must be secret:env:NAME, secret:file:/path,"
                    + " certificate:file:/path, federated:file:/path, federated:env or a stored credential");
        }
        authority = authority == null || authority.isBlank() ? PUBLIC_CLOUD : authority.replaceAll("/+$", "");
        if (!authority.startsWith("https://")) {
            throw new IllegalArgumentException("authority must be an https URL such as " + PUBLIC_CLOUD);
        }
    }

    private static void requireGuid(String name, String value) {
        if (value == null || !GUID.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be a GUID");
        }
    }
}
