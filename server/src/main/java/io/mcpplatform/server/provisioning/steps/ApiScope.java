package io.mcpplatform.server.provisioning.steps;

/**
 * The delegated scope each tenant's app exposes for MCP access. Its id is fixed so that every run (and the doctor)
 * recognises it; its value is what the platform asks for ({@code api://{clientId}/access_as_user}).
 */
public final class ApiScope {
    /** The scope's value. */
    public static final String VALUE = "access_as_user";
    /** The scope's stable id in every app the platform provisions. */
    public static final String ID = "5f1c3a52-8e0b-4d8e-9b6f-6d2a0c7e4b19";

    private ApiScope() {
    }
}
