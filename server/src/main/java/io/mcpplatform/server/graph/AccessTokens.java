package io.mcpplatform.server.graph;

/** Where a {@link GraphClient} gets its bearer token, asked once per call and once more after a 401. */
@FunctionalInterface
public interface AccessTokens {

    /**
     * A Graph access token.
     *
     * @param rejected true when Graph has just rejected the previous token (401): return a fresh one, not a cached one
     */
    String token(boolean rejected);
}
