package io.mcpplatform.tenants;

import java.util.List;
import java.util.Objects;

/**
 * Which OAuth clients a tenant lets in.
 *
 * @param dynamicRegistration whether RFC 7591 dynamic client registration is open
 * @param metadataDocuments   whether an https URL may serve as {@code client_id} (client-ID metadata documents)
 * @param redirectAllowList   redirect URIs clients may register or use; an entry ending in {@code :*} allows any port
 *                            of that loopback host ({@code http://127.0.0.1:*}), and an entry ending in {@code /*}
 *                            any path below it; everything else is compared exactly
 */
public record ClientPolicy(boolean dynamicRegistration, boolean metadataDocuments, List<String> redirectAllowList) {
    /**
     * The default allow-list: loopback redirects on any port (VS Code, the MCP Inspector, CLI agents), VS Code for the
     * web, and Claude.
     */
    public static final List<String> DEFAULT_REDIRECTS = List.of(
            "http://127.0.0.1:*",
            "http://localhost:*",
            "http://[::1]:*",
            "https://vscode.dev/redirect",
            "https://insiders.vscode.dev/redirect",
            "https://claude.ai/api/mcp/auth_callback",
            "https://claude.com/api/mcp/auth_callback");

    public ClientPolicy {
        redirectAllowList = List.copyOf(Objects.requireNonNull(redirectAllowList, "redirectAllowList"));
    }

    /** Registration and metadata documents on, the default allow-list. */
    public static ClientPolicy defaults() {
        return new ClientPolicy(true, true, DEFAULT_REDIRECTS);
    }
}
