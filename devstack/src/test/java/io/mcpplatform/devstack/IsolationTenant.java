package io.mcpplatform.devstack;

import io.mcpplatform.devstack.entra.DemoUser;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One tenant of the isolation matrix: its signed-in home ({@link AttackContext.Home}: OAuth client, tokens), a tenant
 * administrator's Entra token for the admin API, and what each of its users stored through the {@code expenses} pack.
 *
 * @param home       the tenant as the attack matrix signs it in
 * @param adminToken {@code Authorization} value of an Entra token with app role {@code Tenant.Admin} for its app
 * @param seeds      per user oid (the home user and the colleague): the user's Entra token and stored expenses
 */
record IsolationTenant(AttackContext.Home home, String adminToken, Map<String, Seed> seeds) {

    /**
     * What one user stored: distinct marker text, the expense ids, a {@code list_expenses} cursor of the first page.
     *
     * @param entraToken the user's Entra access token for the tenant's app (presented directly at the MCP endpoint)
     */
    record Seed(DemoUser user, String entraToken, String marker, List<String> ids, String cursor) {
    }

    String slug() {
        return home.slug();
    }

    String id() {
        return home.tenant().id().toString();
    }

    List<DemoUser> users() {
        return List.of(home.user(), home.colleague());
    }

    List<String> oids() {
        return users().stream().map(DemoUser::oid).toList();
    }

    /**
     * Every value that identifies this tenant or its users' data: tenant id, app (client) id, directory id, the
     * registered OAuth client, user oids, the tenant's path, and every user's expense markers and ids.
     */
    Set<String> fingerprints() {
        Set<String> out = new LinkedHashSet<>(List.of(id(), home.entraClientId(), home.tid(), home.clientId(),
                "/t/" + slug() + "/", "\"" + slug() + "\""));
        out.addAll(oids());
        seeds.values().forEach(s -> {
            out.add(s.marker());
            out.addAll(s.ids());
        });
        return out;
    }

    /**
     * The values of {@code victim} an answer to {@code caller} must not contain: the victim's fingerprints that are
     * not also the caller's (tenants in one directory share its id and users) and that the request did not carry.
     */
    static List<String> leaks(String answer, IsolationTenant victim, IsolationTenant caller, String request) {
        Set<String> own = caller.fingerprints();
        List<String> found = new ArrayList<>();
        for (String f : victim.fingerprints()) {
            if (!own.contains(f) && !request.contains(f) && answer.contains(f)) {
                found.add(f);
            }
        }
        return found;
    }
}
