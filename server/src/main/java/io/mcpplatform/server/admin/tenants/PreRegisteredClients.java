package io.mcpplatform.server.admin.tenants;

import io.mcpplatform.server.oauth.clients.OAuthClient;
import io.mcpplatform.server.oauth.clients.OAuthClientRepository;
import io.mcpplatform.tenants.store.Database;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant's pre-registered OAuth clients ({@code oauth_clients} rows of type {@code PRE_REGISTERED}): listed for the
 * tenant document, and made to match it on every write (new ones inserted, dropped ones revoked).
 */
final class PreRegisteredClients {
    private final Database database;
    private final OAuthClientRepository clients;
    private final Clock clock;

    PreRegisteredClients(Database database, OAuthClientRepository clients, Clock clock) {
        this.database = database;
        this.clients = clients;
        this.clock = clock;
    }

    List<PreRegisteredClient> list(UUID tenantId) {
        List<Object[]> rows = database.inTenantTransaction(tenantId, s -> s.createNativeQuery("select client_id, client_name,"
                        + " array_to_string(redirect_uris, ' ') from oauth_clients where tenant_id = :t"
                        + " and registration_type = 'PRE_REGISTERED' and revoked_at is null order by client_id",
                        Object[].class)
                .setParameter("t", tenantId)
                .getResultList());
        List<PreRegisteredClient> out = new ArrayList<>();
        for (Object[] r : rows) {
            String uris = (String) r[2];
            out.add(new PreRegisteredClient((String) r[0], r[1] == null ? (String) r[0] : (String) r[1],
                    uris == null || uris.isEmpty() ? List.of() : Arrays.asList(uris.split(" "))));
        }
        return out;
    }

    /** Makes the stored set equal to {@code wanted}; returns whether anything changed. */
    boolean sync(UUID tenantId, List<PreRegisteredClient> wanted) {
        List<PreRegisteredClient> current = list(tenantId);
        boolean changed = false;
        for (PreRegisteredClient c : current) {
            if (!wanted.contains(c)) {
                clients.revoke(tenantId, c.clientId(), clock.instant());
                database.inTenantTransaction(tenantId, s -> s.createNativeQuery("delete from oauth_clients where tenant_id = :t"
                                + " and client_id = :c and registration_type = 'PRE_REGISTERED'")
                        .setParameter("t", tenantId)
                        .setParameter("c", c.clientId())
                        .executeUpdate());
                changed = true;
            }
        }
        for (PreRegisteredClient c : wanted) {
            if (!current.contains(c)) {
                clients.insertPreRegistered(new OAuthClient(tenantId, c.clientId(), c.clientName(), c.redirectUris(),
                                "none", Optional.empty(), OAuthClient.RegistrationType.PRE_REGISTERED, false),
                        List.of("authorization_code", "refresh_token"), "{}", clock.instant());
                changed = true;
            }
        }
        return changed;
    }
}
