package io.mcpplatform.server.admin.http;

/** Who may call a route. */
public enum Access {
    /** Anyone who reaches the admin socket (the OpenAPI document). */
    PUBLIC,
    /** Platform operators only (platform-wide routes). */
    OPERATOR,
    /** Operators, and administrators of the tenant named by the route's {@code {slug}}. */
    TENANT
}
