package io.mcpplatform.server.logging;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.mcpplatform.server.tenancy.TenantPath;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is short and made of safe characters (so a
 * proxy's id carries through), else a new UUID. The id is echoed in the response and put, with the path's tenant,
 * into the logging context of the request.
 */
public final class RequestIdFilter implements Filter {
    /** The header carrying the request id. */
    public static final HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String id = req.headers().first(REQUEST_ID).filter(v -> SAFE.matcher(v).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
        res.header(REQUEST_ID, id);
        RequestContext.begin(id, TenantPath.parse(req.path().rawPath()).map(TenantPath::slug).orElse(null));
        try {
            chain.proceed();
        } finally {
            RequestContext.end();
        }
    }
}
