-- Per-tenant limits that keep one tenant from crowding out the others. NULL means "the platform's default"
-- (configuration), so operators can change defaults for every tenant without touching rows.
ALTER TABLE tenants
    ADD COLUMN limit_requests_per_second integer,
    ADD COLUMN limit_sessions integer,
    ADD COLUMN limit_clients integer;

ALTER TABLE tenants
    ADD CONSTRAINT tenants_limit_requests_per_second_check
        CHECK (limit_requests_per_second IS NULL OR limit_requests_per_second BETWEEN 1 AND 1000000),
    ADD CONSTRAINT tenants_limit_sessions_check CHECK (limit_sessions IS NULL OR limit_sessions BETWEEN 1 AND 1000000),
    ADD CONSTRAINT tenants_limit_clients_check CHECK (limit_clients IS NULL OR limit_clients BETWEEN 1 AND 1000000);
