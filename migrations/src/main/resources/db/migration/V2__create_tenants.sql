-- One row per organisation served by the platform (io.mcpplatform.tenants.Tenant).
-- The slug CHECK mirrors io.mcpplatform.tenants.TenantSlug: change both together, with a new migration.
CREATE TABLE tenants (
    id              uuid        NOT NULL,
    slug            text        NOT NULL,
    display_name    text        NOT NULL,
    status          text        NOT NULL,
    entra_tenant_id text,
    entra_client_id text,
    credential_ref  text,
    tool_packs      text[]      NOT NULL DEFAULT '{}',
    mcp_mode        text        NOT NULL DEFAULT 'STATEFUL',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    version         bigint      NOT NULL DEFAULT 0,
    CONSTRAINT tenants_pkey PRIMARY KEY (id),
    CONSTRAINT tenants_slug_key UNIQUE (slug),
    CONSTRAINT tenants_slug_check CHECK (
        char_length(slug) BETWEEN 3 AND 40
        AND slug ~ '^[a-z][a-z0-9-]*[a-z0-9]$'
        AND slug ~ '^[a-z0-9-]+$'
        AND position('--' IN slug) = 0
        AND slug NOT IN ('admin', 'api', 'health', 'metrics', 'well-known', 'oauth', 'oauth2', 'mcp', 'static',
                         'assets', 'login', 'logout', 'platform', 'system', 'default', 'null', 'undefined')),
    CONSTRAINT tenants_status_check CHECK (status IN ('ACTIVE', 'DISABLED')),
    CONSTRAINT tenants_mcp_mode_check CHECK (mcp_mode IN ('STATEFUL', 'STATELESS')),
    CONSTRAINT tenants_tool_packs_check CHECK (array_position(tool_packs, NULL) IS NULL),
    CONSTRAINT tenants_version_check CHECK (version >= 0)
);

COMMENT ON TABLE tenants IS 'Tenants served by the platform; the MCP endpoint of each is /t/{slug}/mcp';
COMMENT ON COLUMN tenants.credential_ref IS 'Where the Entra app credential lives (secret name, certificate, federated credential), never the secret';
COMMENT ON COLUMN tenants.version IS 'Bumped on every change; optimistic locking and ETags';
