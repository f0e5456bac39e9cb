-- Microsoft Graph settings of a tenant: the delegated Graph scopes the graph tool pack asks for on behalf of the user
-- (without the https://graph.microsoft.com/ prefix), and the Entra group whose members may use the admin tools.
ALTER TABLE tenants
    ADD COLUMN graph_scopes text[] NOT NULL DEFAULT '{User.Read}',
    ADD COLUMN admin_group_id text;

ALTER TABLE tenants
    ADD CONSTRAINT tenants_graph_scopes_check CHECK (cardinality(graph_scopes) BETWEEN 1 AND 20),
    ADD CONSTRAINT tenants_admin_group_id_check CHECK (
        admin_group_id IS NULL
        OR admin_group_id ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$');
