package io.mcpplatform.server.oauth.consent;

import io.mcpplatform.server.erasure.ErasableData;

import java.util.UUID;

/** Erases a user's remembered consents; a tenant's go with the tenant row (ON DELETE CASCADE). */
public final class ConsentErasure implements ErasableData {
    private final ConsentRepository consents;

    public ConsentErasure(ConsentRepository consents) {
        this.consents = consents;
    }

    @Override
    public String name() {
        return "consents";
    }

    @Override
    public long eraseUser(UUID tenantId, String oid) {
        return consents.deleteAll(tenantId, oid);
    }

    @Override
    public long eraseTenant(UUID tenantId) {
        return 0; // consents_tenant_fkey ON DELETE CASCADE removes them with the tenant row
    }
}
