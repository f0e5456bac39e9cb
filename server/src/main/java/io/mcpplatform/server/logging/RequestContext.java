package io.mcpplatform.server.logging;

import io.helidon.logging.common.HelidonMdc;

/** The logging-context keys of a request and the one place they are set (on the request's own thread). */
public final class RequestContext {
    /** The request id ({@code X-Request-Id}). */
    public static final String REQUEST_ID = "request_id";
    /** The tenant slug of the path. */
    public static final String TENANT = "tenant";
    /** The authenticated user's Entra object id. */
    public static final String USER_OID = "user_oid";

    private RequestContext() {
    }

    /** Records the authenticated user's oid for the rest of this request's log lines. */
    public static void user(String oid) {
        if (oid != null) {
            HelidonMdc.set(USER_OID, oid);
        }
    }

    static void begin(String requestId, String tenant) {
        HelidonMdc.set(REQUEST_ID, requestId);
        if (tenant != null) {
            HelidonMdc.set(TENANT, tenant);
        }
    }

    static void end() {
        HelidonMdc.remove(REQUEST_ID);
        HelidonMdc.remove(TENANT);
        HelidonMdc.remove(USER_OID);
    }
}
