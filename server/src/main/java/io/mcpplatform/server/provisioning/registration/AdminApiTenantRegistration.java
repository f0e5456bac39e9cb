package io.mcpplatform.server.provisioning.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.mcpplatform.server.provisioning.Change;
import io.mcpplatform.server.provisioning.ProvisioningException;
import io.mcpplatform.server.provisioning.TenantRegistration;
import io.mcpplatform.server.provisioning.TenantSpec;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * {@link TenantRegistration} over the admin API: {@code PUT {admin}/admin/v1/tenants/{slug}} with the tenant as JSON
 * ({@code displayName}, {@code status}, {@code entra} with the credential, {@code graph}, {@code toolPacks});
 * 201 created, 200 updated; anything else becomes a {@link ProvisioningException} with the API's problem detail.
 */
public final class AdminApiTenantRegistration implements TenantRegistration {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STEP = "tenant registration";

    private final URI adminBase;
    private final AdminApiKey key;
    private final WebClient http;

    /**
     * @param adminBase the admin socket's base URL, e.g. {@code http://127.0.0.1:9090}
     * @param key       the operator's API key
     * @param timeout   connect and read bound
     */
    public AdminApiTenantRegistration(URI adminBase, AdminApiKey key, Duration timeout) {
        String base = Objects.requireNonNull(adminBase, "adminBase").toString();
        this.adminBase = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.key = Objects.requireNonNull(key, "key");
        this.http = WebClient.builder().connectTimeout(timeout).readTimeout(timeout).followRedirects(false).build();
    }

    @Override
    public Change register(TenantSpec tenant) {
        URI uri = URI.create(adminBase + "/admin/v1/tenants/" + tenant.slug());
        try (HttpClientResponse response = http.put().uri(uri)
                .header(HeaderNames.create(AdminApiKey.HEADER), key.headerValue())
                .header(HeaderNames.ACCEPT, "application/json, application/problem+json")
                .contentType(MediaTypes.APPLICATION_JSON)
                .submit(JSON.writeValueAsString(body(tenant)))) {
            int status = response.status().code();
            String text = response.entity().hasEntity() ? response.as(String.class) : "";
            return switch (status) {
                case 201 -> Change.CREATED;
                case 200, 204 -> Change.UPDATED;
                case 401, 403 -> throw new ProvisioningException(STEP, "the admin API refused the API key (HTTP "
                        + status + ")", null);
                default -> throw new ProvisioningException(STEP, "the admin API answered HTTP " + status
                        + detail(text) + "; run the command again to resume", null);
            };
        } catch (IOException e) {
            throw new ProvisioningException(STEP, "could not write the request", e);
        } catch (ProvisioningException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProvisioningException(STEP, "the admin API at " + adminBase + " could not be reached; run the"
                    + " command again to resume", e);
        }
    }

    /** The request body of the admin API's contract. */
    static ObjectNode body(TenantSpec tenant) {
        ObjectNode body = JSON.createObjectNode();
        body.put("displayName", tenant.displayName());
        body.put("status", "active");
        ObjectNode entra = body.putObject("entra");
        entra.put("tenantId", tenant.tenantId());
        entra.put("clientId", tenant.clientId());
        entra.put("authority", tenant.authority());
        ObjectNode credential = entra.putObject("credential");
        switch (tenant.credential()) {
            case TenantSpec.Federated f -> credential.put("type", "federated").put("source", "env");
            case TenantSpec.Secret s -> credential.put("type", "secret").put("secret", s.secret());
        }
        ObjectNode graph = body.putObject("graph");
        tenant.graphScopes().forEach(graph.putArray("scopes")::add);
        tenant.adminGroupId().ifPresentOrElse(id -> graph.put("adminGroupId", id), () -> graph.putNull("adminGroupId"));
        tenant.toolPacks().forEach(body.putArray("toolPacks")::add);
        return body;
    }

    private static String detail(String problem) {
        try {
            JsonNode p = JSON.readTree(problem);
            String detail = p.path("detail").asText(p.path("title").asText(""));
            return detail.isEmpty() ? "" : ": " + (detail.length() > 300 ? detail.substring(0, 300) + "…" : detail);
        } catch (IOException | RuntimeException notJson) {
            return "";
        }
    }
}
