package io.mcpplatform.server.admin.http;

/** The body of an admin route: authenticated and authorised already; throws {@link ProblemException} on bad input. */
@FunctionalInterface
public interface AdminHandler {
    AdminResponse handle(AdminRequest request);
}
