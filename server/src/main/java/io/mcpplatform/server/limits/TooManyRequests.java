package io.mcpplatform.server.limits;

import io.helidon.webserver.http.ServerResponse;

/** Writes a 429 refusal with {@code Retry-After} in one protocol's error format (MCP JSON-RPC or OAuth JSON). */
@FunctionalInterface
public interface TooManyRequests {
    /**
     * @param res               the response to send
     * @param retryAfterSeconds whole seconds until a request would be admitted (at least 1)
     */
    void send(ServerResponse res, long retryAfterSeconds);
}
