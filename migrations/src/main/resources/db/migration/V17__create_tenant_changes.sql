-- Incremental tenant directory (issue 9): every instance used to reload ALL tenants whenever the registry counter
-- moved (seconds with 10,000 tenants). The counter's trigger now also records WHICH slug changed at each version, so an
-- instance that saw version V loads only the rows named after V; a slug named but no longer present was deleted. The
-- log keeps the last 100,000 versions; an instance further behind than that reloads everything, as before.
-- Rows name a slug, not a tenant row: a deletion must outlive the tenant, so there is no foreign key, and no row-level
-- security (like tenant_registry, it is platform metadata that every instance reads whole; no user data).
CREATE TABLE tenant_changes (
    version bigint NOT NULL,
    slug    text   NOT NULL,
    CONSTRAINT tenant_changes_pkey PRIMARY KEY (version, slug)
);

COMMENT ON TABLE tenant_changes IS 'Which tenant slug changed at each tenant_registry version (pruned to the last 100,000 versions)';

CREATE OR REPLACE FUNCTION bump_tenant_registry() RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
AS $$
DECLARE
    new_version bigint;
BEGIN
    -- the row lock on tenant_registry orders writers: versions become visible in commit order
    UPDATE tenant_registry SET version = version + 1 WHERE id RETURNING version INTO new_version;
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO tenant_changes (version, slug) VALUES (new_version, OLD.slug);
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.slug IS DISTINCT FROM OLD.slug) THEN
        INSERT INTO tenant_changes (version, slug) VALUES (new_version, NEW.slug);
    END IF;
    IF new_version % 1000 = 0 THEN
        DELETE FROM tenant_changes WHERE version <= new_version - 100000;
    END IF;
    PERFORM pg_notify('tenant_registry', new_version::text);
    RETURN NULL;
END
$$;

REVOKE EXECUTE ON FUNCTION bump_tenant_registry() FROM PUBLIC;

-- The application reads the log (default privileges); only the trigger writes it.
REVOKE INSERT, UPDATE, DELETE ON tenant_changes FROM ${app_role};
