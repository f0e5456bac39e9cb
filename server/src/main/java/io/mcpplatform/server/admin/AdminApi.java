package io.mcpplatform.server.admin;

import io.helidon.webserver.http.HttpRouting;
import io.mcpplatform.server.admin.audit.AuditResource;
import io.mcpplatform.server.admin.auth.AdminApiSettings;
import io.mcpplatform.server.admin.auth.AdminAuthenticator;
import io.mcpplatform.server.admin.clients.ClientResource;
import io.mcpplatform.server.admin.http.AdminRoute;
import io.mcpplatform.server.admin.http.AdminRouter;
import io.mcpplatform.server.admin.keys.KeyResource;
import io.mcpplatform.server.admin.onboarding.GraphAccess;
import io.mcpplatform.server.admin.onboarding.OnboardingResource;
import io.mcpplatform.server.admin.openapi.OpenApiResource;
import io.mcpplatform.server.admin.setup.ClientSetupResource;
import io.mcpplatform.server.admin.tenants.TenantResource;
import io.mcpplatform.server.admin.tenants.TenantService;
import io.mcpplatform.server.admin.users.UserResource;
import io.mcpplatform.server.audit.PostgresAuditLog;
import io.mcpplatform.server.entra.credentials.StoredCredentials;
import io.mcpplatform.server.erasure.ErasableData;
import io.mcpplatform.server.oauth.AuthorizationServer;
import io.mcpplatform.server.obo.OboBroker;
import io.mcpplatform.tenants.TenantRepository;
import io.mcpplatform.tenants.store.Database;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The tenant admin REST API on the admin socket, under {@value AdminRouter#PREFIX}, assembled: tenants, clients,
 * users, keys, audit, client set-up, onboarding (provision, doctor) and the OpenAPI document, behind one router (authentication, access, errors).
 */
public final class AdminApi {
    private final AdminRouter router;

    /**
     * @param settings    operator credentials ({@code platform.admin-api})
     * @param database    the database (application role)
     * @param tenants     the tenant store
     * @param oauth       the authorization server (clients, consents, tokens, keys, Entra validation)
     * @param obo         the on-behalf-of broker (its memory is cleared on revocation)
     * @param credentials sealed tenant credentials
     * @param erasable    every store of user rows, erased on user and tenant erasure
     * @param toolPacks   the names of the tool packs tenants may enable
     * @param audit       the audit log
     * @param baseUrl     the public base URL (client set-up, the callback provisioning registers)
     * @param graph       how onboarding reaches Microsoft Graph and Entra
     */
    public AdminApi(AdminApiSettings settings, Database database, TenantRepository tenants, AuthorizationServer oauth,
                    OboBroker obo, StoredCredentials credentials, List<ErasableData> erasable,
                    Supplier<Set<String>> toolPacks, PostgresAuditLog audit, URI baseUrl, GraphAccess graph,
                    Clock clock) {
        AdminContext context = new AdminContext(tenants, audit);
        var refresh = oauth.tokens().refreshTokens();
        List<AdminRoute> routes = new ArrayList<>();
        TenantService tenantService = new TenantService(tenants, credentials, oauth.clients(), database, toolPacks,
                audit, clock);
        routes.addAll(new TenantResource(tenants, tenantService, erasable, audit).routes());
        routes.addAll(new OnboardingResource(tenants, tenantService, graph, baseUrl, audit).routes());
        routes.addAll(new ClientResource(context, database, oauth.clients(), refresh, clock).routes());
        routes.addAll(new UserResource(context, database, oauth.consents(), refresh, obo, erasable, clock).routes());
        routes.addAll(new KeyResource(context, oauth.tokens().signingKeys()).routes());
        routes.addAll(new AuditResource(context, database, audit).routes());
        routes.addAll(new ClientSetupResource(context, baseUrl).routes());
        routes.addAll(new OpenApiResource().routes());
        this.router = new AdminRouter(routes, new AdminAuthenticator(settings, oauth.entraValidator(), tenants),
                tenants, settings.maxBodyBytes());
    }

    /** Registers the API on the admin socket's routing. */
    public void routing(HttpRouting.Builder routing) {
        router.routing(routing);
    }

    /** The routes served (for the OpenAPI test). */
    public List<AdminRoute> routes() {
        return router.routes();
    }
}
