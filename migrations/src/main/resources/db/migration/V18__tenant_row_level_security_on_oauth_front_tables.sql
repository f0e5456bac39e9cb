-- Tenant-level row-level security on the OAuth front's tables (issue 10 item 2). Their rows are found by a client id,
-- a hashed Entra state, a hashed code or a key id before any user is known, but always under the tenant of the
-- request path: every transaction of the application first sets app.tenant_id (UserScope.applyTenant), and these
-- policies then hide and refuse every other tenant's row. Without app.tenant_id the application role sees nothing.
ALTER TABLE oauth_clients ENABLE ROW LEVEL SECURITY;
ALTER TABLE oauth_clients FORCE ROW LEVEL SECURITY;
CREATE POLICY oauth_clients_tenant ON oauth_clients
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE pending_authorizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE pending_authorizations FORCE ROW LEVEL SECURITY;
CREATE POLICY pending_authorizations_tenant ON pending_authorizations
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE authorization_codes ENABLE ROW LEVEL SECURITY;
ALTER TABLE authorization_codes FORCE ROW LEVEL SECURITY;
CREATE POLICY authorization_codes_tenant ON authorization_codes
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE signing_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE signing_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY signing_keys_tenant ON signing_keys
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- The schema owner (the role running these migrations, never the application's role) reads every tenant's rows: it
-- owns these tables and could switch their row-level security off anyway, so this grants it nothing new; it lets an
-- operator inspect them and the SECURITY DEFINER function below see the rows it purges. The owner cannot write
-- through it (no INSERT/UPDATE policy for it).
CREATE POLICY oauth_clients_owner_read ON oauth_clients FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY pending_authorizations_owner_read ON pending_authorizations FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY authorization_codes_owner_read ON authorization_codes FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY signing_keys_owner_read ON signing_keys FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY authorization_codes_owner_purge ON authorization_codes FOR DELETE TO CURRENT_USER USING (true);

-- Housekeeping across tenants: deletes authorization codes that expired before p_before, nothing else; returns how
-- many. The application role may execute it but has no policy of its own outside app.tenant_id.
CREATE FUNCTION purge_expired_authorization_codes(p_before timestamptz)
    RETURNS bigint
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, ${flyway:defaultSchema}
AS $$
    WITH gone AS (
        DELETE FROM authorization_codes c WHERE c.expires_at < p_before
        RETURNING 1)
    SELECT count(*) FROM gone
$$;

REVOKE ALL ON FUNCTION purge_expired_authorization_codes(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION purge_expired_authorization_codes(timestamptz) TO ${app_role};
