package io.mcpplatform.server.admin.openapi;

import io.mcpplatform.server.admin.http.Access;
import io.mcpplatform.server.admin.http.AdminResponse;
import io.mcpplatform.server.admin.http.AdminRoute;
import io.mcpplatform.server.admin.http.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code GET /admin/v1/openapi}: the OpenAPI 3.1 document of the admin API ({@code admin-openapi.json} on the class
 * path). A test keeps it true: every served route is documented and every documented route is served.
 */
public final class OpenApiResource {
    /** Class-path location of the document. */
    public static final String RESOURCE = "/io/mcpplatform/server/admin/openapi/admin-openapi.json";

    private final Object document;

    public OpenApiResource() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            document = Json.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<AdminRoute> routes() {
        return List.of(AdminRoute.get("/admin/v1/openapi", Access.PUBLIC, r -> AdminResponse.ok(document)));
    }
}
