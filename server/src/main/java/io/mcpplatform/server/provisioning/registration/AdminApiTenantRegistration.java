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
import io.mcpplatform.server.provisioning.ProvisioningException.Reason;
import io.mcpplatform.server.provisioning.TenantRegistration;
import io.mcpplatform.server.provisioning.TenantSpec;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link TenantRegistration} over the admin API: reads {@code GET {admin}/admin/v1/tenants/{slug}}, merges what
 * provisioning owns into it ({@link TenantDocument}) and, unless that is what the platform holds already, writes it
 * with {@code PUT} guarded by the ETag it read ({@code If-Match}, or {@code If-None-Match: *} for a new tenant).
 * 201 is {@link Change#CREATED}; 200 with the ETag unchanged (the same secret again) is {@link Change#UNCHANGED};
 * anything else becomes a {@link ProvisioningException} with the API's problem detail.
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
        try {
            Current current = read(uri, STEP);
            ObjectNode body = TenantDocument.merge(current.document(), tenant);
            if (TenantDocument.unchanged(current.document(), body)) {
                return Change.UNCHANGED;
            }
            return write(uri, body, current);
        } catch (IOException e) {
            throw new ProvisioningException(STEP, Reason.INVALID, "could not write the request", e);
        } catch (ProvisioningException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProvisioningException(STEP, Reason.UNAVAILABLE, "the admin API at " + adminBase
                    + " could not be reached; run the command again to resume", e);
        }
    }

    /**
     * The tenant as the admin API shows it, for {@code doctor}.
     *
     * @throws ProvisioningException when it does not exist or the API refused
     */
    public JsonNode tenant(String slug) {
        try {
            return read(URI.create(adminBase + "/admin/v1/tenants/" + slug), "tenant lookup").document()
                    .orElseThrow(() -> new ProvisioningException("tenant lookup", Reason.REJECTED,
                            "the platform has no tenant " + slug, null));
        } catch (IOException e) {
            throw new ProvisioningException("tenant lookup", Reason.UNAVAILABLE, "the admin API's answer is not JSON",
                    e);
        } catch (ProvisioningException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProvisioningException("tenant lookup", Reason.UNAVAILABLE, "the admin API at " + adminBase
                    + " could not be reached", e);
        }
    }

    /**
     * The tenant's MCP URL as the platform publishes it ({@code GET …/client-setup}), for {@code doctor}.
     *
     * @throws ProvisioningException when the API refused or could not be reached
     */
    public String mcpUrl(String slug) {
        try {
            return read(URI.create(adminBase + "/admin/v1/tenants/" + slug + "/client-setup"), "tenant lookup")
                    .document().map(d -> d.path("mcpUrl").asText("")).filter(u -> !u.isEmpty())
                    .orElseThrow(() -> new ProvisioningException("tenant lookup", Reason.REJECTED,
                            "the platform has no tenant " + slug, null));
        } catch (IOException e) {
            throw new ProvisioningException("tenant lookup", Reason.UNAVAILABLE, "the admin API's answer is not JSON",
                    e);
        }
    }

    private Current read(URI uri, String step) throws IOException {
        try (HttpClientResponse response = http.get().uri(uri)
                .header(HeaderNames.create(AdminApiKey.HEADER), key.headerValue())
                .header(HeaderNames.ACCEPT, "application/json, application/problem+json")
                .request()) {
            int status = response.status().code();
            String text = response.entity().hasEntity() ? response.as(String.class) : "";
            return switch (status) {
                case 200 -> new Current(Optional.of(JSON.readTree(text)), etag(response));
                case 404 -> new Current(Optional.empty(), Optional.empty());
                default -> throw refused(step, status, text);
            };
        }
    }

    private Change write(URI uri, ObjectNode body, Current current) throws IOException {
        var request = http.put().uri(uri)
                .header(HeaderNames.create(AdminApiKey.HEADER), key.headerValue())
                .header(HeaderNames.ACCEPT, "application/json, application/problem+json")
                .contentType(MediaTypes.APPLICATION_JSON);
        if (current.document().isEmpty()) {
            request.header(HeaderNames.IF_NONE_MATCH, "*");
        } else {
            current.etag().ifPresent(etag -> request.header(HeaderNames.IF_MATCH, etag));
        }
        try (HttpClientResponse response = request.submit(JSON.writeValueAsString(body))) {
            int status = response.status().code();
            String text = response.entity().hasEntity() ? response.as(String.class) : "";
            return switch (status) {
                case 201 -> Change.CREATED;
                case 200 -> etag(response).equals(current.etag()) ? Change.UNCHANGED : Change.UPDATED;
                case 412 -> throw new ProvisioningException(STEP, Reason.REJECTED, "the tenant was changed by someone"
                        + " else meanwhile; run the command again", null);
                default -> throw refused(STEP, status, text);
            };
        }
    }

    private static ProvisioningException refused(String step, int status, String problem) {
        if (status == 401 || status == 403) {
            return new ProvisioningException(step, Reason.REJECTED, "the admin API refused the API key (HTTP "
                    + status + ")", null);
        }
        return new ProvisioningException(step, status >= 500 ? Reason.UNAVAILABLE : Reason.REJECTED,
                "the admin API answered HTTP " + status + detail(problem)
                + "; run the command again to resume", null);
    }

    private static Optional<String> etag(HttpClientResponse response) {
        return response.headers().first(HeaderNames.ETAG);
    }

    private record Current(Optional<JsonNode> document, Optional<String> etag) {
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
