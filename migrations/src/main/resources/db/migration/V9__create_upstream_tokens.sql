-- The users who signed in to a tenant (read by the admin API) and their Entra tokens, kept for on-behalf-of calls.
-- Tokens are sealed with AES-GCM by the application (key from configuration, never stored here); the associated data
-- binds each ciphertext to its row (tenant id | oid | id), so a ciphertext moved to another row does not open.
CREATE TABLE platform_users (
    tenant_id  uuid        NOT NULL,
    oid        text        NOT NULL,
    tid        text        NOT NULL,
    name       text        NOT NULL DEFAULT '',
    username   text        NOT NULL DEFAULT '',
    first_seen timestamptz NOT NULL,
    last_seen  timestamptz NOT NULL,
    CONSTRAINT platform_users_pkey PRIMARY KEY (tenant_id, oid),
    CONSTRAINT platform_users_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
    CONSTRAINT platform_users_oid_check CHECK (char_length(oid) BETWEEN 1 AND 64),
    CONSTRAINT platform_users_tid_check CHECK (char_length(tid) BETWEEN 1 AND 64),
    CONSTRAINT platform_users_name_check CHECK (char_length(name) <= 512),
    CONSTRAINT platform_users_username_check CHECK (char_length(username) <= 512)
);

CREATE TABLE upstream_tokens (
    id         uuid        NOT NULL,
    tenant_id  uuid        NOT NULL,
    user_oid   text        NOT NULL,
    tid        text        NOT NULL,
    ciphertext bytea       NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT upstream_tokens_pkey PRIMARY KEY (id),
    CONSTRAINT upstream_tokens_user_fkey FOREIGN KEY (tenant_id, user_oid)
        REFERENCES platform_users (tenant_id, oid) ON DELETE CASCADE,
    CONSTRAINT upstream_tokens_ciphertext_check CHECK (octet_length(ciphertext) BETWEEN 29 AND 65536)
);

CREATE INDEX upstream_tokens_user_idx ON upstream_tokens (tenant_id, user_oid);

-- Row-level security: the application sets app.tenant_id (and app.user_oid for tokens) per transaction with
-- set_config(..., true). Without them no row is visible or writable.
ALTER TABLE platform_users ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform_users FORCE ROW LEVEL SECURITY;
CREATE POLICY platform_users_tenant ON platform_users
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE upstream_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE upstream_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY upstream_tokens_user ON upstream_tokens
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           AND user_oid = current_setting('app.user_oid', true))
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
                AND user_oid = current_setting('app.user_oid', true));

COMMENT ON COLUMN upstream_tokens.ciphertext IS 'AES-GCM sealed JSON of the Entra token set; associated data tenant_id|oid|id';
