-- The schema version the database is at, readable by the application role (which cannot read Flyway's history table
-- itself). A server that does not run migrations (the Helm chart's pods) compares it with the newest migration it
-- knows and refuses to start on a schema newer than its code, e.g. after a rollback of the image alone.
CREATE VIEW schema_version AS
SELECT version
FROM flyway_schema_history
WHERE success AND version IS NOT NULL
ORDER BY string_to_array(version, '.')::int[] DESC
LIMIT 1;

GRANT SELECT ON schema_version TO ${app_role};
