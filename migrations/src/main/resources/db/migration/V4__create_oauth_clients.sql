-- OAuth clients registered with a tenant's authorization server: dynamically (RFC 7591), through a client ID
-- metadata document (the client_id is then an https URL), or pre-registered by an administrator.
CREATE TABLE oauth_clients (
    id                         uuid        NOT NULL,
    tenant_id                  uuid        NOT NULL,
    client_id                  text        NOT NULL,
    client_name                text,
    redirect_uris              text[]      NOT NULL DEFAULT '{}',
    grant_types                text[]      NOT NULL DEFAULT '{authorization_code,refresh_token}',
    token_endpoint_auth_method text        NOT NULL DEFAULT 'none',
    client_secret_hash         text,
    registration_type          text        NOT NULL,
    metadata                   jsonb       NOT NULL DEFAULT '{}',
    created_at                 timestamptz NOT NULL DEFAULT now(),
    last_used_at               timestamptz,
    revoked_at                 timestamptz,
    CONSTRAINT oauth_clients_pkey PRIMARY KEY (id),
    CONSTRAINT oauth_clients_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
    CONSTRAINT oauth_clients_tenant_client_key UNIQUE (tenant_id, client_id),
    CONSTRAINT oauth_clients_client_id_check CHECK (char_length(client_id) BETWEEN 1 AND 2048),
    CONSTRAINT oauth_clients_registration_type_check
        CHECK (registration_type IN ('DYNAMIC', 'METADATA_DOCUMENT', 'PRE_REGISTERED')),
    CONSTRAINT oauth_clients_auth_method_check
        CHECK (token_endpoint_auth_method IN ('none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt')),
    -- a secret hash exactly when the client authenticates with a secret
    CONSTRAINT oauth_clients_secret_check
        CHECK ((client_secret_hash IS NOT NULL) = (token_endpoint_auth_method IN ('client_secret_basic', 'client_secret_post'))),
    CONSTRAINT oauth_clients_metadata_check CHECK (jsonb_typeof(metadata) = 'object')
);

CREATE INDEX oauth_clients_active_idx ON oauth_clients (tenant_id) WHERE revoked_at IS NULL;

COMMENT ON COLUMN oauth_clients.client_secret_hash IS 'Hash of the client secret (never the secret); NULL for public clients and private_key_jwt';
