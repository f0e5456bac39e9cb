-- Sign-in settings of a tenant: the Entra cloud (authority host) next to the app registration, and which OAuth
-- clients may come in (dynamic registration, client-ID metadata documents, the redirect allow-list).
ALTER TABLE tenants
    ADD COLUMN entra_authority text,
    ADD COLUMN dcr_enabled boolean NOT NULL DEFAULT true,
    ADD COLUMN metadata_documents_enabled boolean NOT NULL DEFAULT true,
    ADD COLUMN redirect_allow_list text[] NOT NULL DEFAULT ARRAY[
        'http://127.0.0.1:*', 'http://localhost:*', 'http://[::1]:*',
        'https://vscode.dev/redirect', 'https://insiders.vscode.dev/redirect',
        'https://claude.ai/api/mcp/auth_callback', 'https://claude.com/api/mcp/auth_callback'];

-- An app registration is all or nothing: tenant id, client id and credential reference together.
ALTER TABLE tenants
    ADD CONSTRAINT tenants_entra_complete CHECK (
        (entra_tenant_id IS NULL AND entra_client_id IS NULL AND credential_ref IS NULL)
        OR (entra_tenant_id IS NOT NULL AND entra_client_id IS NOT NULL AND credential_ref IS NOT NULL));
