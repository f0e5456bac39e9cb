package io.mcpplatform.server.oauth.clients;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mcpplatform.server.tenancy.TenantDirectory;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.store.DatabaseDownException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /t/{tenant}/oauth2/register} (RFC 7591). Answers 201 with the client information, or RFC 7591 error
 * JSON; always {@code Cache-Control: no-store}. Unknown or disabled tenants and tenants without sign-in get 404; so
 * does a tenant whose policy turns dynamic registration off (the endpoint is then not advertised either), with
 * {@code {"error":"invalid_request"}}.
 */
public final class RegistrationEndpoint {
    private static final Logger LOG = Logger.getLogger(RegistrationEndpoint.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TenantDirectory tenants;
    private final ClientRegistration registration;

    public RegistrationEndpoint(TenantDirectory tenants, ClientRegistration registration) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.registration = Objects.requireNonNull(registration, "registration");
    }

    /** Handles one registration request. */
    public void handle(ServerRequest req, ServerResponse res) {
        try {
            Tenant tenant = tenants.findActive(req.path().pathParameters().get("tenant"))
                    .filter(Tenant::requiresSignIn)
                    .orElseThrow(() -> new ClientRegistrationException(404, "invalid_request", "not found"));
            if (!tenant.clientPolicy().dynamicRegistration()) {
                throw new ClientRegistrationException(404, "invalid_request",
                        "dynamic client registration is not enabled for this tenant");
            }
            String contentType = req.headers().contentType().map(t -> t.mediaType().text()).orElse("");
            if (!contentType.equalsIgnoreCase("application/json")) {
                throw new ClientRegistrationException(415, "invalid_request", "Content-Type must be application/json");
            }
            byte[] body = readBody(req, registration.limits().maxBodyBytes());
            ObjectNode info = registration.register(tenant, body);
            send(res, Status.CREATED_201, info);
        } catch (ClientRegistrationException e) {
            ObjectNode error = JSON.createObjectNode();
            error.put("error", e.error());
            error.put("error_description", e.description());
            send(res, Status.create(e.status()), error);
        } catch (DatabaseDownException e) {
            LOG.log(Level.WARNING, "client registration refused: " + e.getMessage());
            ObjectNode error = JSON.createObjectNode();
            error.put("error", "temporarily_unavailable");
            error.put("error_description", "the service is temporarily unavailable; retry later");
            res.header(HeaderNames.RETRY_AFTER, Long.toString(DatabaseDownException.RETRY_AFTER_SECONDS));
            send(res, Status.SERVICE_UNAVAILABLE_503, error);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "client registration failed", e);
            ObjectNode error = JSON.createObjectNode();
            error.put("error", "server_error");
            error.put("error_description", "the registration could not be stored");
            send(res, Status.INTERNAL_SERVER_ERROR_500, error);
        }
    }

    private static byte[] readBody(ServerRequest req, int limit) {
        if (req.headers().contentLength().orElse(0) > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw tooLarge(limit);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ClientRegistrationException tooLarge(int limit) {
        return new ClientRegistrationException(413, "invalid_request", "the request body exceeds " + limit + " bytes");
    }

    private static void send(ServerResponse res, Status status, ObjectNode body) {
        res.status(status)
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .header(HeaderNames.PRAGMA, "no-cache")
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .send(body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
