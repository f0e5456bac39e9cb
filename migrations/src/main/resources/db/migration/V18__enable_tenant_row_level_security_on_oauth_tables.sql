-- Tenant-level row-level security on the seven OAuth tables (issue 10 item 2). Their rows are found by a client id,
-- a hashed Entra state, a hashed code or a key id before any user is known, but always under the tenant of the
-- request path: every transaction of the application first sets app.tenant_id (UserScope.applyTenant), and these
-- policies then hide and refuse every other tenant's row. Without app.tenant_id the application role sees nothing.
--
-- The schema owner (the role running these migrations, CURRENT_USER here, never the application's role) reads every
-- tenant's rows: it owns these tables and could switch their row-level security off anyway, so this grants it nothing
-- new; it lets an operator inspect them and the SECURITY DEFINER functions below see the rows they work on. It writes
-- only where a function needs it: deletes for the purges and erase_user_audit (V14), platform audit entries.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['oauth_clients', 'pending_authorizations', 'authorization_codes', 'signing_keys',
                             'refresh_tokens', 'revoked_access_tokens', 'audit_log'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY %I ON %I'
                       ' USING (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)'
                       ' WITH CHECK (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)',
                       t || '_tenant', t);
        EXECUTE format('CREATE POLICY %I ON %I FOR SELECT TO CURRENT_USER USING (true)', t || '_owner_read', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['authorization_codes', 'refresh_tokens', 'revoked_access_tokens', 'audit_log'] LOOP
        EXECUTE format('CREATE POLICY %I ON %I FOR DELETE TO CURRENT_USER USING (true)', t || '_owner_delete', t);
    END LOOP;
END
$$;

CREATE POLICY audit_log_owner_platform_entry ON audit_log FOR INSERT TO CURRENT_USER WITH CHECK (tenant_id IS NULL);

-- Work that spans tenants by nature, each a SECURITY DEFINER function doing one narrow thing; the application role
-- may execute them but has no policy of its own outside app.tenant_id.

-- Housekeeping: deletes authorization codes that expired before p_before, nothing else; returns how many.
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

-- Housekeeping: deletes refresh tokens past their absolute expiry at p_now, nothing else; returns how many.
CREATE FUNCTION purge_expired_refresh_tokens(p_now timestamptz)
    RETURNS bigint
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, ${flyway:defaultSchema}
AS $$
    WITH gone AS (
        DELETE FROM refresh_tokens r WHERE r.absolute_expires_at < p_now
        RETURNING 1)
    SELECT count(*) FROM gone
$$;

-- Housekeeping: deletes deny-list entries whose tokens expired by p_now, nothing else; returns how many.
CREATE FUNCTION purge_expired_revoked_access_tokens(p_now timestamptz)
    RETURNS bigint
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, ${flyway:defaultSchema}
AS $$
    WITH gone AS (
        DELETE FROM revoked_access_tokens r WHERE r.expires_at <= p_now
        RETURNING 1)
    SELECT count(*) FROM gone
$$;

-- The deny list every token verification consults, whatever the token's tenant (not known before verification):
-- the ids of the revoked tokens still unexpired after p_after, and no other column.
CREATE FUNCTION revoked_access_token_jtis(p_after timestamptz)
    RETURNS SETOF text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, ${flyway:defaultSchema}
AS $$
    SELECT r.jti FROM revoked_access_tokens r WHERE r.expires_at > p_after
$$;

REVOKE ALL ON FUNCTION purge_expired_refresh_tokens(timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION purge_expired_revoked_access_tokens(timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION revoked_access_token_jtis(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION purge_expired_refresh_tokens(timestamptz) TO ${app_role};
GRANT EXECUTE ON FUNCTION purge_expired_revoked_access_tokens(timestamptz) TO ${app_role};
GRANT EXECUTE ON FUNCTION revoked_access_token_jtis(timestamptz) TO ${app_role};

-- The audit log: a tenant's entries are written under the tenant's policy (the writer groups each batch by tenant and
-- sets app.tenant_id before each group's insert; the application role still may not update or delete, V8). Entries
-- about the platform itself (tenant_id NULL, V14) and the operator's platform-wide query go through these two.

-- An entry about the platform itself (no tenant): inserts exactly one row with tenant_id NULL; returns 1.
CREATE FUNCTION audit_platform_entry(p_id uuid, p_at timestamptz, p_actor_oid text, p_client_id text, p_action text,
                                     p_detail jsonb)
    RETURNS bigint
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, ${flyway:defaultSchema}
AS $$
    WITH added AS (
        INSERT INTO audit_log (id, tenant_id, at, actor_oid, client_id, action, detail)
        VALUES (p_id, NULL, p_at, p_actor_oid, p_client_id, p_action, p_detail)
        RETURNING 1)
    SELECT count(*) FROM added
$$;

-- The operator's platform-wide audit query (every tenant and the platform's own entries), newest first, one page.
-- A NULL filter matches everything; p_action is a LIKE pattern.
CREATE FUNCTION audit_platform_page(p_from timestamptz, p_to timestamptz, p_action text, p_actor_oid text,
                                    p_client_id text, p_limit integer, p_offset integer)
    RETURNS TABLE (id uuid, tenant_id uuid, at timestamptz, actor_oid text, client_id text, action text, detail text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, ${flyway:defaultSchema}
AS $$
    SELECT a.id, a.tenant_id, a.at, a.actor_oid, a.client_id, a.action, a.detail::text
      FROM audit_log a
     WHERE a.at >= p_from AND a.at < p_to
       AND (p_action IS NULL OR a.action LIKE p_action)
       AND (p_actor_oid IS NULL OR a.actor_oid = p_actor_oid)
       AND (p_client_id IS NULL OR a.client_id = p_client_id)
     ORDER BY a.at DESC, a.id
     LIMIT least(greatest(p_limit, 0), 1000) OFFSET greatest(p_offset, 0)
$$;

REVOKE ALL ON FUNCTION audit_platform_entry(uuid, timestamptz, text, text, text, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_platform_page(timestamptz, timestamptz, text, text, text, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_platform_entry(uuid, timestamptz, text, text, text, jsonb) TO ${app_role};
GRANT EXECUTE ON FUNCTION audit_platform_page(timestamptz, timestamptz, text, text, text, integer, integer)
    TO ${app_role};

-- The client look-up of every /authorize and /token request, in one round trip outside a transaction: scopes its own
-- statement to p_tenant (set_config local to the statement's transaction), then reads under the caller's policies
-- (SECURITY INVOKER: no privilege of its own). Saves the BEGIN and COMMIT a scoped transaction would add to the token
-- path.
CREATE FUNCTION oauth_client_in_tenant(p_tenant uuid, p_client_id text)
    RETURNS SETOF oauth_clients
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER
    SET search_path = pg_catalog, ${flyway:defaultSchema}
AS $$
BEGIN
    PERFORM set_config('app.tenant_id', p_tenant::text, true);
    RETURN QUERY SELECT c.* FROM oauth_clients c WHERE c.tenant_id = p_tenant AND c.client_id = p_client_id;
END
$$;

REVOKE ALL ON FUNCTION oauth_client_in_tenant(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION oauth_client_in_tenant(uuid, text) TO ${app_role};
