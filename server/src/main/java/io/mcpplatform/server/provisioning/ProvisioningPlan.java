package io.mcpplatform.server.provisioning;

import io.mcpplatform.tenants.EntraApp;
import io.mcpplatform.tenants.TenantSlug;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code provision} makes true for one tenant, validated once.
 *
 * @param slug              the platform tenant ({@code /t/{slug}/mcp})
 * @param displayName       the app registration's and the tenant's display name (created with it; not renamed later)
 * @param directoryTenantId the customer's Entra directory (tenant) id
 * @param authority         the cloud's login host, {@link EntraApp#PUBLIC_CLOUD} by default
 * @param callbackUrl       the platform's OAuth callback for this tenant, the app's redirect URI
 * @param toolPacks         the tool packs the tenant gets; their Graph scopes are consented too
 * @param graphScopes       the delegated Graph scopes the tools use on behalf of users (at least {@code User.Read})
 * @param credential        how the platform proves it is the app
 * @param adminGroup        the Entra group whose members may use admin tools, when wanted
 */
public record ProvisioningPlan(String slug, String displayName, String directoryTenantId, String authority,
                               URI callbackUrl, List<String> toolPacks, List<String> graphScopes,
                               CredentialPlan credential, Optional<AdminGroupPlan> adminGroup) {
    /** The delegated Graph scopes every tenant's sign-in needs, besides the tools' own. */
    public static final List<String> SIGN_IN_SCOPES = List.of("User.Read", "email", "offline_access", "openid",
            "profile");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");
    private static final Pattern SCOPE = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,99}");

    public ProvisioningPlan {
        TenantSlug.requireValid(slug);
        if (displayName == null || displayName.isBlank() || displayName.length() > 120) {
            throw new IllegalArgumentException("display name must be 1 to 120 characters");
        }
        if (directoryTenantId == null || !GUID.matcher(directoryTenantId).matches()) {
            throw new IllegalArgumentException("entra tenant id must be the directory's GUID");
        }
        authority = authority == null || authority.isBlank() ? EntraApp.PUBLIC_CLOUD : authority.replaceAll("/+$", "");
        if (!authority.startsWith("https://")) {
            throw new IllegalArgumentException("authority must be an https URL such as " + EntraApp.PUBLIC_CLOUD);
        }
        Objects.requireNonNull(callbackUrl, "callbackUrl");
        if (!"https".equals(callbackUrl.getScheme()) && !isLoopback(callbackUrl)) {
            throw new IllegalArgumentException("the platform's public URL must be https (Entra accepts http only"
                    + " for localhost): " + callbackUrl);
        }
        toolPacks = List.copyOf(toolPacks);
        Set<String> scopes = new LinkedHashSet<>(graphScopes);
        for (String scope : scopes) {
            if (!SCOPE.matcher(scope).matches()) {
                throw new IllegalArgumentException("graph scope '" + scope + "' must be a bare scope name such as"
                        + " User.Read");
            }
        }
        if (!scopes.contains("User.Read")) {
            throw new IllegalArgumentException("graph scopes must include User.Read");
        }
        graphScopes = List.copyOf(scopes);
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(adminGroup, "adminGroup");
    }

    private static boolean isLoopback(URI uri) {
        return "http".equals(uri.getScheme()) && ("localhost".equals(uri.getHost())
                || "127.0.0.1".equals(uri.getHost()));
    }

    /** The app registration's stable key in the directory: {@code mcp-platform-{slug}}. */
    public String uniqueName() {
        return "mcp-platform-" + slug;
    }

    /** Every delegated Graph scope to consent to: the sign-in's, then the tools'. */
    public List<String> consentScopes() {
        return consentScopes(graphScopes);
    }

    /** The sign-in's scopes, then these tool scopes. */
    public static List<String> consentScopes(List<String> graphScopes) {
        Set<String> all = new LinkedHashSet<>(SIGN_IN_SCOPES);
        all.addAll(graphScopes);
        return new ArrayList<>(all);
    }
}
