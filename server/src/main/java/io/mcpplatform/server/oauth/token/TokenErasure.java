package io.mcpplatform.server.oauth.token;

import io.mcpplatform.server.erasure.ErasableData;
import io.mcpplatform.tenants.store.Database;

import java.util.UUID;

/**
 * Erases what the token side keeps about a user: refresh-token families (their live access tokens are deny-listed
 * first, so erasure also signs the user out), authorization codes and pending authorizations. A tenant's rows go with
 * the tenant row (ON DELETE CASCADE).
 */
public final class TokenErasure implements ErasableData {
    private final Database database;
    private final RefreshTokens refreshTokens;

    public TokenErasure(Database database, RefreshTokens refreshTokens) {
        this.database = database;
        this.refreshTokens = refreshTokens;
    }

    @Override
    public String name() {
        return "tokens";
    }

    @Override
    public long eraseUser(UUID tenantId, String oid) {
        refreshTokens.revokeUser(tenantId, oid);
        long n = 0;
        for (String table : new String[]{"refresh_tokens", "authorization_codes", "pending_authorizations"}) {
            n += database.inTenantTransaction(tenantId, s -> s.createNativeQuery("delete from " + table
                            + " where tenant_id = :t and user_oid = :oid")
                    .setParameter("t", tenantId)
                    .setParameter("oid", oid)
                    .executeUpdate());
        }
        return n;
    }

    @Override
    public long eraseTenant(UUID tenantId) {
        return 0; // every token table cascades from tenants
    }
}
