package io.mcpplatform.server.tools;

/**
 * A named set of tools, resources, resource templates, prompts and completions that a tenant can offer. A tenant lists
 * pack names ({@code Tenant.toolPacks()}); the transport builds that tenant's SDK server by letting each pack
 * {@linkplain #install install} itself. Packs are stateless and shared by all tenants.
 */
public interface ToolPack {

    /** The name tenants use to list this pack, e.g. {@code echo}. */
    String name();

    /** Contributes this pack's features to one tenant's server. Called once each time that server is built. */
    void install(PackInstaller target);
}
