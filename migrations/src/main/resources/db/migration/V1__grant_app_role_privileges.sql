-- The application connects as ${app_role}: a role that owns nothing and cannot bypass row-level security.
-- It may read and write rows, never change the schema. These default privileges cover every table and sequence
-- that the migration owner creates in this schema from now on (later migrations need no GRANT of their own,
-- as long as they run as the same owner role).
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO ${app_role};

ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema}
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app_role};

ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema}
    GRANT USAGE ON SEQUENCES TO ${app_role};

-- Functions are executable by PUBLIC unless said otherwise; ours are trigger functions, nobody needs to call them.
-- (Only the global form can revoke a built-in default; it applies to functions this owner creates anywhere.)
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
