package io.mcpplatform.server.admin.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mcpplatform.server.admin.auth.AdminAuthenticator;
import io.mcpplatform.server.admin.auth.AdminPrincipal;
import io.mcpplatform.tenants.StoredTenant;
import io.mcpplatform.tenants.TenantRepository;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Serves a list of {@link AdminRoute}s on the admin socket: authenticates ({@link AdminAuthenticator}), enforces
 * {@link Access} (a tenant administrator reaches only routes of a tenant it manages, and gets the same 403 whether
 * another tenant exists or not), reads a bounded body, runs the handler and writes JSON. Every failure, including
 * unknown paths (404) and methods (405) below {@value #PREFIX}, goes through {@link Problems}.
 */
public final class AdminRouter {
    /** Every admin API path starts here. */
    public static final String PREFIX = "/admin/v1";
    private static final Logger LOG = Logger.getLogger(AdminRouter.class.getName());
    private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z]+)}");

    private final List<AdminRoute> routes;
    private final AdminAuthenticator authenticator;
    private final TenantRepository tenants;
    private final int maxBodyBytes;

    public AdminRouter(List<AdminRoute> routes, AdminAuthenticator authenticator, TenantRepository tenants,
                       int maxBodyBytes) {
        this.routes = List.copyOf(routes);
        this.authenticator = authenticator;
        this.tenants = tenants;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The routes served (the OpenAPI test compares them with the document). */
    public List<AdminRoute> routes() {
        return routes;
    }

    /** Registers every route, then the 404/405 fallback for the rest of {@value #PREFIX}. */
    public void routing(HttpRouting.Builder routing) {
        for (AdminRoute route : routes) {
            routing.route(Method.create(route.method()), route.path(),
                    (req, res) -> serve(route, req, res, pathParams(route, req)));
        }
        routing.any(PREFIX, this::fallback);
        routing.any(PREFIX + "/*", this::fallback);
    }

    /**
     * Paths the routes did not take. Helidon matches templates against the decoded path, so a parameter holding an
     * encoded slash (a metadata-document client id such as {@code https%3A%2F%2Fapp.example%2Fclient.json}) lands
     * here: routes are matched again against the raw path, segment by segment, and their parameters decoded.
     */
    private void fallback(ServerRequest req, ServerResponse res) {
        String raw = req.path().rawPath();
        String method = req.prologue().method().text();
        for (AdminRoute route : routes) {
            Optional<Map<String, String>> params = rawParams(route.path(), raw);
            if (params.isPresent() && route.method().equals(method)) {
                serve(route, req, res, params.get());
                return;
            }
        }
        String allow = routes.stream().filter(r -> rawParams(r.path(), raw).isPresent()).map(AdminRoute::method)
                .distinct().collect(Collectors.joining(", "));
        Problems.send(res, allow.isEmpty() ? ProblemException.notFound("no such admin resource")
                : ProblemException.methodNotAllowed(allow));
    }

    /** The decoded parameters when the raw path matches the template (each parameter one raw segment). */
    private static Optional<Map<String, String>> rawParams(String template, String rawPath) {
        List<String> names = new java.util.ArrayList<>();
        Matcher m = PARAM.matcher(template);
        StringBuilder regex = new StringBuilder();
        int at = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(at, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            at = m.end();
        }
        regex.append(Pattern.quote(template.substring(at)));
        Matcher path = Pattern.compile(regex.toString()).matcher(rawPath);
        if (!path.matches()) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        try {
            for (int i = 0; i < names.size(); i++) {
                // a path segment: '+' is a plus, not a space
                String segment = path.group(i + 1).replace("+", "%2B");
                params.put(names.get(i), URLDecoder.decode(segment, StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a malformed escape: no route
        }
        return Optional.of(params);
    }

    private void serve(AdminRoute route, ServerRequest req, ServerResponse res, Map<String, String> params) {
        try {
            AdminPrincipal principal = route.access() == Access.PUBLIC ? null
                    : authenticator.authenticate(req.headers().all(HeaderNames.AUTHORIZATION, List::of));
            authorize(route, principal, params);
            AdminRequest request = new AdminRequest(principal, params, query(req), headers(req), body(req));
            write(res, route.handler().handle(request));
        } catch (ProblemException e) {
            if (!res.isSent()) {
                Problems.send(res, e);
            }
        } catch (io.mcpplatform.tenants.store.DatabaseDownException e) {
            LOG.log(Level.WARNING, "admin request " + route.method() + " " + route.path() + " refused: "
                    + e.getMessage());
            if (!res.isSent()) {
                Problems.send(res, Problems.unavailable());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "admin request " + route.method() + " " + route.path() + " failed: "
                    + e.getClass().getSimpleName(), e);
            if (!res.isSent()) {
                Problems.send(res, Problems.internal());
            }
        }
    }

    private void authorize(AdminRoute route, AdminPrincipal principal, Map<String, String> params) {
        switch (route.access()) {
            case PUBLIC -> {
            }
            case OPERATOR -> {
                if (!(principal instanceof AdminPrincipal.Operator)) {
                    throw ProblemException.forbidden("only platform operators may do this");
                }
            }
            case TENANT -> {
                if (principal instanceof AdminPrincipal.Operator) {
                    return;
                }
                Optional<StoredTenant> tenant = tenants.findStored(params.get("slug"));
                if (tenant.isEmpty() || !principal.mayManage(tenant.get().tenant().id())) {
                    throw ProblemException.forbidden("you administer another tenant");
                }
            }
        }
    }

    private static Map<String, String> pathParams(AdminRoute route, ServerRequest req) {
        Map<String, String> params = new HashMap<>();
        var matcher = PARAM.matcher(route.path());
        while (matcher.find()) {
            String name = matcher.group(1);
            params.put(name, req.path().pathParameters().get(name));
        }
        return params;
    }

    private static Map<String, String> query(ServerRequest req) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : req.query().names()) {
            query.put(name, req.query().get(name));
        }
        return query;
    }

    private static Map<String, String> headers(ServerRequest req) {
        Map<String, String> headers = new HashMap<>();
        req.headers().first(HeaderNames.IF_MATCH).ifPresent(v -> headers.put("if-match", v));
        req.headers().first(HeaderNames.IF_NONE_MATCH).ifPresent(v -> headers.put("if-none-match", v));
        return headers;
    }

    private byte[] body(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > maxBodyBytes) {
            throw ProblemException.tooLarge(maxBodyBytes);
        }
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("").toLowerCase(Locale.ROOT);
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readNBytes(maxBodyBytes + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length > maxBodyBytes) {
            throw ProblemException.tooLarge(maxBodyBytes);
        }
        if (body.length > 0 && !(type.equals("application/json") || type.startsWith("application/json;"))) {
            throw ProblemException.unsupportedMediaType();
        }
        return body;
    }

    private static void write(ServerResponse res, AdminResponse answer) {
        answer.headers().forEach(res::header);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.status(Status.create(answer.status()));
        if (answer.body() == null) {
            res.send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(answer.body()));
    }
}
