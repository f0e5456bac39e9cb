-- One cheap number that moves whenever any tenant is inserted, updated or deleted, so that every instance can poll it
-- (select version from tenant_registry) and reload its tenant directory only when it changed. The same trigger sends
-- NOTIFY tenant_registry with the new version for instances that prefer LISTEN.
CREATE TABLE tenant_registry (
    id      boolean NOT NULL DEFAULT true,
    version bigint  NOT NULL DEFAULT 0,
    CONSTRAINT tenant_registry_pkey PRIMARY KEY (id),
    CONSTRAINT tenant_registry_single_row CHECK (id)
);

INSERT INTO tenant_registry (id, version) VALUES (true, 0);

-- Runs with the owner's rights so that the application role can only read the counter, never set it.
CREATE FUNCTION bump_tenant_registry() RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
AS $$
DECLARE
    new_version bigint;
BEGIN
    UPDATE tenant_registry SET version = version + 1 WHERE id RETURNING version INTO new_version;
    PERFORM pg_notify('tenant_registry', new_version::text);
    RETURN NULL;
END
$$;

REVOKE EXECUTE ON FUNCTION bump_tenant_registry() FROM PUBLIC;

CREATE TRIGGER tenants_bump_registry
    AFTER INSERT OR UPDATE OR DELETE ON tenants
    FOR EACH ROW EXECUTE FUNCTION bump_tenant_registry();

-- The default privileges gave the application role write access; the counter is the trigger's alone.
REVOKE INSERT, UPDATE, DELETE ON tenant_registry FROM ${app_role};
