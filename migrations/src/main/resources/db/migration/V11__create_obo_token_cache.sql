-- The on-behalf-of token cache: one msal4j token cache per (tenant, user), so downstream tokens survive restarts and
-- a second call for the same user and scopes does not reach Entra. The cache is sealed with AES-GCM by the application
-- (associated data tenant_id|user_oid), so a row copied under another user does not open.
CREATE TABLE obo_token_cache (
    tenant_id  uuid        NOT NULL,
    user_oid   text        NOT NULL,
    ciphertext bytea       NOT NULL,
    updated_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    CONSTRAINT obo_token_cache_pkey PRIMARY KEY (tenant_id, user_oid),
    CONSTRAINT obo_token_cache_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
    CONSTRAINT obo_token_cache_oid_check CHECK (char_length(user_oid) BETWEEN 1 AND 64),
    CONSTRAINT obo_token_cache_ciphertext_check CHECK (octet_length(ciphertext) BETWEEN 29 AND 1048576)
);

CREATE INDEX obo_token_cache_expires_idx ON obo_token_cache (expires_at);

-- Row-level security as for upstream_tokens: app.tenant_id and app.user_oid set per transaction.
ALTER TABLE obo_token_cache ENABLE ROW LEVEL SECURITY;
ALTER TABLE obo_token_cache FORCE ROW LEVEL SECURITY;
CREATE POLICY obo_token_cache_user ON obo_token_cache
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           AND user_oid = current_setting('app.user_oid', true))
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
                AND user_oid = current_setting('app.user_oid', true));

COMMENT ON COLUMN obo_token_cache.ciphertext IS 'AES-GCM sealed msal4j token cache JSON; associated data tenant_id|user_oid';
