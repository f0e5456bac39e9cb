package io.mcpplatform.server.ops;

import io.mcpplatform.server.auth.UserContext;
import io.mcpplatform.server.obo.OboBroker;
import io.mcpplatform.server.obo.OboException;
import io.mcpplatform.tenants.Tenant;

import java.util.Objects;
import java.util.Set;

/** Counts on-behalf-of token requests per tenant and outcome around the real broker. */
public final class CountingOboBroker implements OboBroker {
    private final OboBroker delegate;
    private final TenantMetrics metrics;

    public CountingOboBroker(OboBroker delegate, TenantMetrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public String accessToken(Tenant tenant, UserContext user, Set<String> scopes) {
        return accessToken(tenant, user, scopes, false);
    }

    @Override
    public String accessToken(Tenant tenant, UserContext user, Set<String> scopes, boolean bypassCache) {
        String outcome = "error";
        try {
            String token = delegate.accessToken(tenant, user, scopes, bypassCache);
            outcome = "ok";
            return token;
        } catch (OboException.ConsentRequired e) {
            outcome = "consent_required";
            throw e;
        } catch (OboException.InteractionRequired e) {
            outcome = "interaction_required";
            throw e;
        } catch (OboException.Unavailable e) {
            outcome = "unavailable";
            throw e;
        } finally {
            metrics.oboCall(tenant.slug(), outcome);
        }
    }

    @Override
    public void forget(java.util.UUID tenantId, String oid) {
        delegate.forget(tenantId, oid);
    }

    @Override
    public void forgetTenant(java.util.UUID tenantId) {
        delegate.forgetTenant(tenantId);
    }
}
