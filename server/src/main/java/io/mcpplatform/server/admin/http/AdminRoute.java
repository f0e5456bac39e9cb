package io.mcpplatform.server.admin.http;

import java.util.Objects;

/**
 * One admin API route. The router serves exactly the routes it is given and the OpenAPI test compares the same list
 * with the document, so a route cannot exist undocumented.
 *
 * @param method  HTTP method
 * @param path    Helidon path template below the socket root, e.g. {@code /admin/v1/tenants/{slug}}
 * @param access  who may call it
 * @param handler what it does
 */
public record AdminRoute(String method, String path, Access access, AdminHandler handler) {
    public AdminRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(handler, "handler");
        if (access == Access.TENANT && !path.contains("{slug}")) {
            throw new IllegalArgumentException("a tenant route needs {slug}: " + path);
        }
    }

    public static AdminRoute get(String path, Access access, AdminHandler handler) {
        return new AdminRoute("GET", path, access, handler);
    }

    public static AdminRoute put(String path, Access access, AdminHandler handler) {
        return new AdminRoute("PUT", path, access, handler);
    }

    public static AdminRoute post(String path, Access access, AdminHandler handler) {
        return new AdminRoute("POST", path, access, handler);
    }

    public static AdminRoute delete(String path, Access access, AdminHandler handler) {
        return new AdminRoute("DELETE", path, access, handler);
    }
}
