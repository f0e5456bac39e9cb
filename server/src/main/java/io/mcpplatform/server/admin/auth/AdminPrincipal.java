package io.mcpplatform.server.admin.auth;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Who is calling the admin API, as established by {@link AdminAuthenticator}. */
public sealed interface AdminPrincipal {

    /** A short, stable description for audit entries, e.g. {@code operator:bootstrap-key}; never a credential. */
    String actor();

    /** The Entra object id of the person, or null (the bootstrap key). */
    String oid();

    /** Whether this principal may manage the tenant with this id. */
    boolean mayManage(UUID tenantId);

    /** The audit detail naming the actor. */
    default Map<String, Object> auditDetail() {
        return Map.of("actor", actor());
    }

    /** A platform operator: every tenant, every route. */
    record Operator(String actor, String oid) implements AdminPrincipal {
        public Operator {
            Objects.requireNonNull(actor, "actor");
        }

        @Override
        public boolean mayManage(UUID tenantId) {
            return true;
        }
    }

    /**
     * An administrator of the tenants that use one Entra app registration (normally one tenant).
     *
     * @param tenants the tenants' ids
     */
    record TenantAdmin(Set<UUID> tenants, String oid, String name) implements AdminPrincipal {
        public TenantAdmin {
            tenants = Set.copyOf(tenants);
            Objects.requireNonNull(oid, "oid");
        }

        @Override
        public String actor() {
            return "tenant-admin:" + oid;
        }

        @Override
        public boolean mayManage(UUID tenantId) {
            return tenants.contains(tenantId);
        }
    }
}
