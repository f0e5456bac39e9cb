-- Per-user tool data of the expenses tool pack: each row belongs to one user (tenant_id, user_oid) of one tenant.
-- Amounts are kept exactly, in minor units of their ISO 4217 currency (cents for EUR, yen for JPY, fils for BHD).
-- client_key makes a retried add_expense idempotent per user; request_hash fingerprints the payload stored under it.
CREATE TABLE expenses (
    id           uuid        NOT NULL,
    tenant_id    uuid        NOT NULL,
    user_oid     text        NOT NULL,
    amount_minor bigint      NOT NULL,
    currency     text        NOT NULL,
    category     text        NOT NULL,
    spent_on     date        NOT NULL,
    description  text        NOT NULL,
    client_key   text,
    request_hash bytea       NOT NULL,
    created_at   timestamptz NOT NULL,
    CONSTRAINT expenses_pkey PRIMARY KEY (id),
    CONSTRAINT expenses_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
    CONSTRAINT expenses_client_key_unique UNIQUE (tenant_id, user_oid, client_key),
    CONSTRAINT expenses_oid_check CHECK (char_length(user_oid) BETWEEN 1 AND 64),
    CONSTRAINT expenses_amount_check CHECK (amount_minor BETWEEN 1 AND 1000000000000),
    CONSTRAINT expenses_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT expenses_category_check CHECK (category IN
        ('travel', 'lodging', 'meals', 'transport', 'office', 'software', 'training', 'other')),
    CONSTRAINT expenses_spent_on_check CHECK (spent_on BETWEEN DATE '2000-01-01' AND DATE '2099-12-31'),
    CONSTRAINT expenses_description_check CHECK (char_length(description) BETWEEN 1 AND 500),
    CONSTRAINT expenses_client_key_check CHECK (client_key IS NULL OR client_key ~ '^[A-Za-z0-9._:-]{1,64}$'),
    CONSTRAINT expenses_request_hash_check CHECK (octet_length(request_hash) = 32)
);

-- list_expenses pages by (spent_on desc, id desc) within one user; summaries scan the same index by date range.
CREATE INDEX expenses_user_date_idx ON expenses (tenant_id, user_oid, spent_on DESC, id DESC);

-- Row-level security: the application role sees, writes and deletes only the rows of the user set in app.tenant_id
-- and app.user_oid (set_config(..., true) per transaction). Without them, nothing.
ALTER TABLE expenses ENABLE ROW LEVEL SECURITY;
ALTER TABLE expenses FORCE ROW LEVEL SECURITY;
CREATE POLICY expenses_user ON expenses
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           AND user_oid = current_setting('app.user_oid', true))
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
                AND user_oid = current_setting('app.user_oid', true));

-- Tenant-wide paths, for the schema owner only (the role running these migrations), so only through the two
-- SECURITY DEFINER functions below: the application role itself never reads another user's rows.
CREATE POLICY expenses_owner_tenant_read ON expenses FOR SELECT TO CURRENT_USER
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
CREATE POLICY expenses_owner_tenant_erase ON expenses FOR DELETE TO CURRENT_USER
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- expense_stats: aggregates over all users of the tenant in app.tenant_id, never a row or a user id. Returns nothing
-- when app.tenant_id is not set. The application decides who is an administrator (Entra group) before calling it.
CREATE FUNCTION expense_tenant_stats(from_date date, to_date date)
    RETURNS TABLE (category text, currency text, users bigint, expenses bigint, total_minor numeric)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, ${flyway:defaultSchema}
AS $$
    SELECT e.category, e.currency, count(DISTINCT e.user_oid), count(*), sum(e.amount_minor)
      FROM expenses e
     WHERE e.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
       AND e.spent_on BETWEEN from_date AND to_date
     GROUP BY e.category, e.currency
     ORDER BY e.category, e.currency
$$;

-- Erasure of a whole tenant's expenses (the admin API); returns the number of rows removed.
CREATE FUNCTION expense_erase_tenant()
    RETURNS bigint
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, ${flyway:defaultSchema}
AS $$
    WITH gone AS (
        DELETE FROM expenses e
         WHERE e.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
        RETURNING 1)
    SELECT count(*) FROM gone
$$;

REVOKE ALL ON FUNCTION expense_tenant_stats(date, date) FROM PUBLIC;
REVOKE ALL ON FUNCTION expense_erase_tenant() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION expense_tenant_stats(date, date) TO ${app_role};
GRANT EXECUTE ON FUNCTION expense_erase_tenant() TO ${app_role};

COMMENT ON COLUMN expenses.amount_minor IS 'amount in minor units of currency (ISO 4217 digits), always > 0';
COMMENT ON COLUMN expenses.request_hash IS 'SHA-256 of the add_expense payload, to tell an idempotent retry from a reused client_key';
