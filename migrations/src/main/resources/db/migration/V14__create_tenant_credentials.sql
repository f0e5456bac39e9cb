-- The admin API (io.mcpplatform.server.admin): tenant credentials given to the API as values (a client secret or a
-- PEM certificate with its key) are kept here, sealed with the application's SecretBox (AES-GCM; associated data
-- tenant_id|id), never in the clear. The tenant row then refers to one of them as secret:stored:{tenant}/{id} or
-- certificate:stored:{tenant}/{id}; a new value is a new row (and a new reference), so every instance rebuilds its
-- Entra client when the reference changes.
CREATE TABLE tenant_credentials (
    id         uuid        NOT NULL,
    tenant_id  uuid        NOT NULL,
    kind       text        NOT NULL,
    ciphertext bytea       NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT tenant_credentials_pkey PRIMARY KEY (id),
    CONSTRAINT tenant_credentials_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
    CONSTRAINT tenant_credentials_kind_check CHECK (kind IN ('secret', 'certificate')),
    CONSTRAINT tenant_credentials_ciphertext_check CHECK (octet_length(ciphertext) BETWEEN 29 AND 65536)
);

CREATE INDEX tenant_credentials_tenant_idx ON tenant_credentials (tenant_id);

ALTER TABLE tenant_credentials ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_credentials FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_credentials_tenant ON tenant_credentials
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

COMMENT ON COLUMN tenant_credentials.ciphertext IS 'AES-GCM sealed secret or PEM; associated data tenant_id|id';

-- Audit entries about the platform itself (a tenant created or deleted by an operator) have no tenant row to hang
-- on once the tenant is gone: tenant_id is NULL for them. Entries of a tenant still go with the tenant (erasure).
ALTER TABLE audit_log ALTER COLUMN tenant_id DROP NOT NULL;
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);

-- The audit log stays append-only for the application; erasing a user's data must still remove the entries that
-- name the user. This function, owned by the schema owner, deletes exactly those and nothing else.
CREATE FUNCTION erase_user_audit(p_tenant uuid, p_oid text) RETURNS bigint
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
AS $$
DECLARE
    removed bigint;
BEGIN
    DELETE FROM audit_log WHERE tenant_id = p_tenant AND actor_oid = p_oid;
    GET DIAGNOSTICS removed = ROW_COUNT;
    RETURN removed;
END
$$;

REVOKE EXECUTE ON FUNCTION erase_user_audit(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION erase_user_audit(uuid, text) TO ${app_role};
