-- The authorization front of each tenant's OAuth server (io.mcpplatform.server.oauth.authorize / .consent).
--
-- A pending authorization is one validated /authorize request while the user signs in at Entra and consents:
-- created at /authorize, claimed once at /callback (by the hash of the state the platform sent to Entra), consumed
-- once when a code is issued or the request is denied. The platform's own PKCE verifier is sealed with the
-- application's SecretBox (never stored in the clear); the Entra state and the consent form's CSRF token are stored
-- only as SHA-256 hashes.
CREATE TABLE pending_authorizations (
    id                uuid        NOT NULL,
    tenant_id         uuid        NOT NULL,
    client_id         text        NOT NULL,
    redirect_uri      text        NOT NULL,
    code_challenge    text        NOT NULL,
    scopes            text[]      NOT NULL,
    resource          text        NOT NULL,
    state             text,
    entra_state_hash  text        NOT NULL,
    platform_verifier bytea       NOT NULL,
    nonce             text        NOT NULL,
    created_at        timestamptz NOT NULL,
    expires_at        timestamptz NOT NULL,
    callback_at       timestamptz,
    user_tid          text,
    user_oid          text,
    user_name         text,
    user_username     text,
    upstream_token_id uuid,
    csrf_hash         text,
    consumed_at       timestamptz,
    CONSTRAINT pending_authorizations_pkey PRIMARY KEY (id),
    CONSTRAINT pending_authorizations_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
    CONSTRAINT pending_authorizations_state_hash_key UNIQUE (entra_state_hash),
    CONSTRAINT pending_authorizations_state_check CHECK (state IS NULL OR char_length(state) <= 1024),
    CONSTRAINT pending_authorizations_expiry_check CHECK (expires_at > created_at),
    CONSTRAINT pending_authorizations_challenge_check CHECK (code_challenge ~ '^[A-Za-z0-9_-]{43}$'),
    -- the signed-in user comes as a whole, and only after the callback
    CONSTRAINT pending_authorizations_user_check CHECK (
        (user_oid IS NULL AND user_tid IS NULL AND upstream_token_id IS NULL)
        OR (user_oid IS NOT NULL AND user_tid IS NOT NULL AND upstream_token_id IS NOT NULL AND callback_at IS NOT NULL)),
    CONSTRAINT pending_authorizations_csrf_check CHECK (csrf_hash IS NULL OR user_oid IS NOT NULL)
);

CREATE INDEX pending_authorizations_expiry_idx ON pending_authorizations (tenant_id, expires_at);

COMMENT ON COLUMN pending_authorizations.platform_verifier IS 'The platform''s PKCE verifier for Entra, sealed with SecretBox (AES-GCM)';
COMMENT ON COLUMN pending_authorizations.entra_state_hash IS 'SHA-256 (hex) of the state sent to Entra; the state itself is never stored';

-- Remembered consents: user U of tenant T let client C have these scopes. User-scoped, so row-level security keeps
-- every statement to one (tenant, user): the application sets app.tenant_id and app.user_oid per transaction.
CREATE TABLE consents (
    tenant_id  uuid        NOT NULL,
    user_oid   text        NOT NULL,
    client_id  text        NOT NULL,
    scopes     text[]      NOT NULL,
    granted_at timestamptz NOT NULL,
    revoked_at timestamptz,
    CONSTRAINT consents_pkey PRIMARY KEY (tenant_id, user_oid, client_id),
    CONSTRAINT consents_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
    CONSTRAINT consents_scopes_check CHECK (cardinality(scopes) > 0 AND array_position(scopes, NULL) IS NULL)
);

ALTER TABLE consents ENABLE ROW LEVEL SECURITY;
ALTER TABLE consents FORCE ROW LEVEL SECURITY;

CREATE POLICY consents_of_user ON consents
    USING (tenant_id::text = current_setting('app.tenant_id', true)
           AND user_oid = current_setting('app.user_oid', true))
    WITH CHECK (tenant_id::text = current_setting('app.tenant_id', true)
                AND user_oid = current_setting('app.user_oid', true));
