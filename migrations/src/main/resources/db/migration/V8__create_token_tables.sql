-- The token side of each tenant's authorization server: signing keys, authorization codes, refresh-token families,
-- the access-token deny list, and the audit log. Codes and refresh tokens are stored only as SHA-256 hashes of
-- high-entropy values; private keys only sealed with the configured key (AES-GCM, tenant id and kid as associated data).
-- No row-level security here: these rows are found by a hash or a kid before any user is known, and no tool reads them.

-- Per-tenant JWT signing keys. At most one active (not retired) key per tenant; retired keys stay published in the
-- JWKS until every token they signed has expired.
CREATE TABLE signing_keys (
    kid                    text        NOT NULL,
    tenant_id              uuid        NOT NULL,
    algorithm              text        NOT NULL,
    public_jwk             jsonb       NOT NULL,
    private_key_ciphertext bytea       NOT NULL,
    created_at             timestamptz NOT NULL,
    activated_at           timestamptz NOT NULL,
    retired_at             timestamptz,
    CONSTRAINT signing_keys_pkey PRIMARY KEY (kid),
    CONSTRAINT signing_keys_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
    CONSTRAINT signing_keys_kid_check CHECK (char_length(kid) BETWEEN 16 AND 64),
    CONSTRAINT signing_keys_algorithm_check CHECK (algorithm IN ('RS256')),
    CONSTRAINT signing_keys_public_jwk_check CHECK (jsonb_typeof(public_jwk) = 'object' AND NOT public_jwk ? 'd'),
    CONSTRAINT signing_keys_retired_check CHECK (retired_at IS NULL OR retired_at >= activated_at)
);

CREATE UNIQUE INDEX signing_keys_one_active_idx ON signing_keys (tenant_id) WHERE retired_at IS NULL;
CREATE INDEX signing_keys_tenant_idx ON signing_keys (tenant_id, activated_at DESC);

COMMENT ON COLUMN signing_keys.private_key_ciphertext IS 'PKCS#8 private key sealed with SecretBox (associated data: tenant id and kid)';

-- Platform authorization codes: single use (redeemed_at set atomically), at most 60 s.
CREATE TABLE authorization_codes (
    id                uuid        NOT NULL,
    tenant_id         uuid        NOT NULL,
    code_hash         text        NOT NULL,
    client_id         text        NOT NULL,
    redirect_uri      text        NOT NULL,
    code_challenge    text        NOT NULL,
    scope             text        NOT NULL,
    resource          text        NOT NULL,
    user_tid          text        NOT NULL,
    user_oid          text        NOT NULL,
    user_name         text        NOT NULL DEFAULT '',
    user_username     text        NOT NULL DEFAULT '',
    upstream_token_id uuid,
    created_at        timestamptz NOT NULL,
    expires_at        timestamptz NOT NULL,
    redeemed_at       timestamptz,
    CONSTRAINT authorization_codes_pkey PRIMARY KEY (id),
    CONSTRAINT authorization_codes_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
    CONSTRAINT authorization_codes_code_hash_key UNIQUE (code_hash),
    CONSTRAINT authorization_codes_lifetime_check CHECK (expires_at > created_at
        AND expires_at <= created_at + interval '60 seconds'),
    CONSTRAINT authorization_codes_challenge_check CHECK (code_challenge ~ '^[A-Za-z0-9_-]{43}$')
);

COMMENT ON COLUMN authorization_codes.scope IS 'Granted scopes, space-delimited (RFC 6749 section 3.3)';

CREATE INDEX authorization_codes_expires_idx ON authorization_codes (expires_at);

-- Opaque refresh tokens, rotated on every use. A family is every token descended from one authorization code; reuse
-- of a rotated token revokes the family. Each row also remembers the access token issued with it, so that revoking a
-- family can deny-list the family's live access tokens.
CREATE TABLE refresh_tokens (
    id                      uuid        NOT NULL,
    tenant_id               uuid        NOT NULL,
    family_id               uuid        NOT NULL,
    client_id               text        NOT NULL,
    user_tid                text        NOT NULL,
    user_oid                text        NOT NULL,
    user_name               text        NOT NULL DEFAULT '',
    user_username           text        NOT NULL DEFAULT '',
    scope                   text        NOT NULL,
    upstream_token_id       uuid,
    token_hash              text        NOT NULL,
    created_at              timestamptz NOT NULL,
    expires_at              timestamptz NOT NULL,
    absolute_expires_at     timestamptz NOT NULL,
    rotated_at              timestamptz,
    revoked_at              timestamptz,
    parent_id               uuid,
    code_id                 uuid,
    access_token_jti        text        NOT NULL,
    access_token_expires_at timestamptz NOT NULL,
    CONSTRAINT refresh_tokens_pkey PRIMARY KEY (id),
    CONSTRAINT refresh_tokens_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
    CONSTRAINT refresh_tokens_token_hash_key UNIQUE (token_hash),
    CONSTRAINT refresh_tokens_parent_fkey FOREIGN KEY (parent_id) REFERENCES refresh_tokens (id) ON DELETE CASCADE,
    CONSTRAINT refresh_tokens_expiry_check CHECK (expires_at > created_at AND expires_at <= absolute_expires_at)
);

CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_code_idx ON refresh_tokens (code_id) WHERE code_id IS NOT NULL;
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (tenant_id, user_oid);
CREATE INDEX refresh_tokens_absolute_expires_idx ON refresh_tokens (absolute_expires_at);

-- Revoked access tokens (RFC 7009), kept until the token would have expired anyway.
CREATE TABLE revoked_access_tokens (
    jti        text        NOT NULL,
    tenant_id  uuid        NOT NULL,
    revoked_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    CONSTRAINT revoked_access_tokens_pkey PRIMARY KEY (jti),
    CONSTRAINT revoked_access_tokens_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
);

CREATE INDEX revoked_access_tokens_expires_idx ON revoked_access_tokens (expires_at);

-- What users did through the platform (tool calls, token events). Never a token, code or secret.
CREATE TABLE audit_log (
    id        uuid        NOT NULL,
    tenant_id uuid        NOT NULL,
    at        timestamptz NOT NULL,
    actor_oid text,
    client_id text,
    action    text        NOT NULL,
    detail    jsonb       NOT NULL DEFAULT '{}',
    CONSTRAINT audit_log_pkey PRIMARY KEY (id),
    CONSTRAINT audit_log_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
    CONSTRAINT audit_log_action_check CHECK (char_length(action) BETWEEN 1 AND 100),
    CONSTRAINT audit_log_detail_check CHECK (jsonb_typeof(detail) = 'object')
);

CREATE INDEX audit_log_tenant_at_idx ON audit_log (tenant_id, at DESC);

-- The audit trail is append-only for the application.
REVOKE UPDATE, DELETE ON audit_log FROM ${app_role};
