package io.mcpplatform.devstack.entra;

import io.mcpplatform.server.entra.EntraConnection;
import io.mcpplatform.server.entra.signin.MsalHttpClient;
import kotlin.jvm.functions.Function1;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.NettyWrapper;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequestHandler;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.HttpUrl;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A stand-in Microsoft Entra ID on 127.0.0.1: mock-oauth2-server (Netty backend, its key provider and its grant
 * handlers for on-behalf-of and client credentials) with Entra v2 routes in front, one issuer per directory:
 * <ul>
 *   <li>{@code GET /{tid}/oauth2/v2.0/authorize}: a login page listing the demo users, or, non-interactively, the user
 *   named by {@code login_hint} (or the directory's first user when the stand-in is not interactive and no hint is
 *   given); redirects to {@code redirect_uri} with {@code code} and {@code state}. A {@code resource} parameter is
 *   rejected with AADSTS9010010 as Entra does.</li>
 *   <li>{@code POST /{tid}/oauth2/v2.0/token}: {@code authorization_code} (PKCE verified; a code issued with a
 *   challenge needs a {@code code_verifier}; single use; a client credential is required) and {@code refresh_token};
 *   answers with {@code client_info}, {@code scope}, an ID token (nonce echoed) and an access token with {@code iss}
 *   {@code https://login.microsoftonline.com/{tid}/v2.0}, {@code aud}, {@code tid}, {@code oid}, {@code scp},
 *   {@code ver=2.0}, {@code name}, {@code preferred_username}. Other grants go to mock-oauth2-server.</li>
 *   <li>{@code POST /{tid}/oauth2/v2.0/devicecode} and the token endpoint's device code grant
 *   ({@link StandInDeviceCodes}): a public client signs in with a code a test approves as a demo user
 *   ({@link #approveDeviceCode}).</li>
 *   <li>{@code GET /{tid}/discovery/v2.0/keys}: the keys that sign those tokens;
 *   {@code GET /{tid}/v2.0/.well-known/openid-configuration}: Entra-shaped discovery.</li>
 * </ul>
 * Client ids can be told to fail at the token endpoint ({@link StandInFailure}: AADSTS65001, interaction_required).
 * Every request is recorded ({@link #requests()}) for tests.
 */
public final class EntraStandIn implements AutoCloseable {
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The on-behalf-of grant type. */
    public static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final Map<String, StandInDirectory> directories;
    private final boolean interactive;
    private final Map<String, String> clientSecrets;
    private final Map<String, StandInFailure> failures = new ConcurrentHashMap<>();
    private final Map<String, StandInFailure> oboUserFailures = new ConcurrentHashMap<>();
    private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final StandInDeviceCodes deviceCodes;
    private final StandInTokens tokens;
    private final Route mock;
    private final NettyWrapper server = new NettyWrapper();
    private URI base;

    private EntraStandIn(Builder builder) {
        this.directories = builder.directories.stream()
                .collect(Collectors.toMap(StandInDirectory::tid, d -> d, (a, b) -> b, LinkedHashMap::new));
        this.interactive = builder.interactive;
        this.clientSecrets = Map.copyOf(builder.clientSecrets);
        this.failures.putAll(builder.failures);
        this.deviceCodes = new StandInDeviceCodes(builder.deviceCodeInterval);
        OAuth2TokenProvider provider = new OAuth2TokenProvider(new KeyProvider());
        this.tokens = new StandInTokens(provider);
        Set<OAuth2TokenCallback> callbacks = new HashSet<>();
        directories.keySet().forEach(tid -> callbacks.add(new EntraTokenCallback(tid)));
        OAuth2Config config = new OAuth2Config(false, null, null, false, provider, callbacks, server);
        this.mock = new OAuth2HttpRequestHandler(config).getAuthorizationServer();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts on 127.0.0.1 at {@code port} ({@code 0}: any free port). */
    public EntraStandIn start(int port) {
        try {
            server.start(InetAddress.getByName("127.0.0.1"), port, (Function1<OAuth2HttpRequest, OAuth2HttpResponse>) this::handle);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        base = URI.create("http://127.0.0.1:" + server.port());
        return this;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI baseUrl() {
        return base;
    }

    /** The endpoints the platform uses with this stand-in. */
    public StandInEndpoints endpoints() {
        return new StandInEndpoints(base);
    }

    /** The platform's connection to this stand-in: msal4j through a rewriting client, keys fetched from here. */
    public EntraConnection connection(Duration timeout) {
        StandInEndpoints endpoints = endpoints();
        return new EntraConnection(endpoints, Optional.of(new MsalHttpClient(timeout, endpoints.rewrite())),
                EntraConnection.jwksClient(timeout), timeout, EntraConnection.DEFAULT_API_SCOPE);
    }

    /** Makes the token endpoint answer {@code failure} for this client id (empty: answer normally again). */
    public void failTokenRequests(String clientId, Optional<StandInFailure> failure) {
        failure.ifPresentOrElse(f -> failures.put(clientId, f), () -> failures.remove(clientId));
    }

    /** Makes on-behalf-of requests for this user (oid) answer {@code failure} (empty: answer normally again). */
    public void failOboRequests(String oid, Optional<StandInFailure> failure) {
        failure.ifPresentOrElse(f -> oboUserFailures.put(oid, f), () -> oboUserFailures.remove(oid));
    }

    /** The user codes of device-code sign-ins waiting for a user (in no particular order). */
    public List<String> pendingDeviceCodes() {
        return deviceCodes.pendingUserCodes();
    }

    /** How often the client polled the token endpoint for this user code so far. */
    public int deviceCodePolls(String userCode) {
        return deviceCodes.polls(userCode);
    }

    /** Approves a device-code sign-in as this user of the code's directory: the next poll gets tokens. */
    public void approveDeviceCode(String userCode, DemoUser user) {
        String tid = directories.values().stream().filter(d -> d.users().contains(user)).map(StandInDirectory::tid)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown user " + user.username()));
        deviceCodes.approve(userCode, directories.get(tid), user);
    }

    /** The user declines: the next poll gets {@code authorization_declined}. */
    public void declineDeviceCode(String userCode) {
        deviceCodes.decline(userCode);
    }

    /** The code runs out: the next poll gets {@code expired_token}. */
    public void expireDeviceCode(String userCode) {
        deviceCodes.expire(userCode);
    }

    /** The on-behalf-of token requests so far, oldest first. */
    public List<RecordedRequest> oboRequests() {
        return requests.stream().filter(r -> JWT_BEARER.equals(r.parameters().get("grant_type"))).toList();
    }

    /** Every request so far, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Requests whose path ends with {@code suffix}. */
    public List<RecordedRequest> requests(String suffix) {
        return requests.stream().filter(r -> r.path().endsWith(suffix)).toList();
    }

    /** An access token for this directory's user and client, as the token endpoint would issue it. */
    public String accessToken(String tid, DemoUser user, String clientId, String scope) {
        return tokens.accessToken(tid, user, clientId, StandInTokens.resourceScopes(scope));
    }

    /**
     * An access token of this directory's user for the app {@code clientId} carrying these app roles ({@code roles}),
     * as Entra issues it to an admin calling the app's API (the admin API's operator and tenant-admin tokens).
     */
    public String appRoleToken(String tid, DemoUser user, String clientId, List<String> roles, Duration lifetime) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", StandInTokens.issuer(tid));
        claims.put("aud", clientId);
        claims.put("tid", tid);
        claims.put("oid", user.oid());
        claims.put("sub", user.oid());
        claims.put("name", user.name());
        claims.put("preferred_username", user.username());
        claims.put("ver", "2.0");
        claims.put("azp", clientId);
        claims.put("scp", "access_as_user");
        claims.put("roles", List.copyOf(roles));
        return tokens.sign(tid, claims, lifetime);
    }

    /** Signs arbitrary claims with the directory's key (tests of validation edge cases). */
    public String sign(String tid, Map<String, Object> claims, Duration lifetime) {
        return tokens.sign(tid, new LinkedHashMap<>(claims), lifetime);
    }

    @Override
    public void close() {
        server.stop();
    }

    private OAuth2HttpResponse handle(OAuth2HttpRequest request) {
        HttpUrl url = request.getOriginalUrl();
        List<String> segments = url.pathSegments();
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : url.queryParameterNames()) {
            params.put(name, url.queryParameter(name));
        }
        if ("POST".equals(request.getMethod())) {
            params.putAll(StandInHttp.form(request.getBody()));
        }
        requests.add(new RecordedRequest(request.getMethod(), url.encodedPath(), Map.copyOf(params),
                Optional.ofNullable(request.getHeaders().get("Authorization")).isPresent()));
        String path = String.join("/", segments);
        StandInDirectory directory = segments.isEmpty() ? null : directories.get(segments.getFirst().toLowerCase());
        String rest = segments.size() > 1 ? path.substring(path.indexOf('/') + 1) : "";
        if (directory != null) {
            switch (request.getMethod() + " " + rest) {
                case "GET oauth2/v2.0/authorize":
                    return authorize(directory, params);
                case "GET discovery/v2.0/keys":
                    return StandInHttp.rawJson(tokens.jwks(directory.tid()));
                case "GET v2.0/.well-known/openid-configuration":
                    return StandInHttp.json(200, discovery(directory.tid()));
                case "POST oauth2/v2.0/devicecode":
                    return deviceCode(directory, params);
                case "POST oauth2/v2.0/token":
                    String grant = params.getOrDefault("grant_type", "");
                    if (grant.equals(StandInDeviceCodes.GRANT) || grant.equals(StandInDeviceCodes.GRANT_SHORT)) {
                        return devicePoll(directory, params);
                    }
                    if (grant.equals("authorization_code") || grant.equals("refresh_token") || grant.equals(JWT_BEARER)) {
                        return token(directory, params, request);
                    }
                    break;
                default:
                    break;
            }
        } else if (!segments.isEmpty() && segments.getFirst().matches("[0-9a-fA-F-]{36}")
                && (rest.startsWith("oauth2/v2.0/") || rest.startsWith("discovery/"))) {
            return StandInHttp.json(400, error("invalid_request", 90002,
                    "Tenant '" + segments.getFirst() + "' not found.", null));
        }
        return mock.invoke(request);
    }

    private OAuth2HttpResponse authorize(StandInDirectory directory, Map<String, String> p) {
        String clientId = p.get("client_id");
        String redirectUri = p.get("redirect_uri");
        if (blank(clientId) || blank(redirectUri)) {
            return StandInHttp.html(400, page("AADSTS900144: The request body must contain the following parameter: '"
                    + (blank(clientId) ? "client_id" : "redirect_uri") + "'."));
        }
        if (!(redirectUri.startsWith("http://") || redirectUri.startsWith("https://"))) {
            return StandInHttp.html(400, page("AADSTS50011: The redirect URI is not valid."));
        }
        Map<String, String> back = new LinkedHashMap<>();
        if (p.containsKey("resource")) {
            return redirectError(redirectUri, p, "invalid_target", 9010010,
                    "The resource parameter provided in the request doesn't match with the requested scopes.");
        }
        if (!"code".equals(p.get("response_type"))) {
            return redirectError(redirectUri, p, "unsupported_response_type", 700054,
                    "response_type must be code.");
        }
        if (p.containsKey("code_challenge") && !"S256".equals(p.getOrDefault("code_challenge_method", "plain"))) {
            return redirectError(redirectUri, p, "invalid_request", 501491, "code_challenge_method must be S256.");
        }
        String hint = p.get("login_hint");
        DemoUser user;
        if (!blank(hint)) {
            Optional<DemoUser> found = directory.user(hint);
            if (found.isEmpty()) {
                return redirectError(redirectUri, p, "invalid_request", 50034,
                        "The user account does not exist in this directory.");
            }
            user = found.get();
        } else if (interactive) {
            return StandInHttp.html(200, loginPage(directory, p));
        } else {
            user = directory.defaultUser();
        }
        String code = random();
        codes.put(code, new PendingCode(directory.tid(), clientId, redirectUri, p.get("code_challenge"), p.get("nonce"),
                p.getOrDefault("scope", ""), user, Instant.now().plus(CODE_LIFETIME)));
        back.put("code", code);
        back.put("state", p.get("state"));
        back.put("session_state", java.util.UUID.randomUUID().toString());
        return StandInHttp.redirect(StandInHttp.withQuery(redirectUri, back));
    }

    private OAuth2HttpResponse token(StandInDirectory directory, Map<String, String> p, OAuth2HttpRequest request) {
        String clientId = p.get("client_id");
        if (blank(clientId)) {
            return StandInHttp.json(400, error("invalid_request", 900144,
                    "The request body must contain the following parameter: 'client_id'.", null));
        }
        StandInFailure failure = failures.get(clientId);
        if (failure != null) {
            return StandInHttp.json(400, error(failure.error, failure.code, failure.description, failure));
        }
        String secret = p.get("client_secret");
        boolean assertion = !blank(p.get("client_assertion"));
        if (blank(secret) && !assertion) {
            return StandInHttp.json(401, error("invalid_client", 7000218,
                    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", null));
        }
        String expected = clientSecrets.get(clientId);
        if (expected != null && !assertion && !expected.equals(secret)) {
            return StandInHttp.json(401, error("invalid_client", 7000215, "Invalid client secret provided.", null));
        }
        Grant grant;
        if (JWT_BEARER.equals(p.get("grant_type"))) {
            return onBehalfOf(directory, clientId, p);
        }
        if ("authorization_code".equals(p.get("grant_type"))) {
            PendingCode code = blank(p.get("code")) ? null : codes.remove(p.get("code"));
            if (code == null || code.expiresAt().isBefore(Instant.now()) || !code.tid().equals(directory.tid())) {
                return StandInHttp.json(400, error("invalid_grant", 70008,
                        "The provided authorization code or refresh token has expired or was already redeemed.", null));
            }
            if (!code.clientId().equals(clientId) || !code.redirectUri().equals(p.get("redirect_uri"))) {
                return StandInHttp.json(400, error("invalid_grant", 70000,
                        "The provided grant is invalid (client or redirect URI differ).", null));
            }
            if (code.challenge() != null) {
                String verifier = p.get("code_verifier");
                if (blank(verifier)) {
                    return StandInHttp.json(400, error("invalid_request", 900144,
                            "The request body must contain the following parameter: 'code_verifier'.", null));
                }
                if (!s256(verifier).equals(code.challenge())) {
                    return StandInHttp.json(400, error("invalid_grant", 501481,
                            "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
                            null));
                }
            }
            String scope = blank(p.get("scope")) ? code.scope() : p.get("scope");
            grant = new Grant(directory.tid(), clientId, code.user(), scope, code.nonce());
        } else {
            grant = blank(p.get("refresh_token")) ? null : refreshTokens.remove(p.get("refresh_token"));
            if (grant == null || !grant.clientId().equals(clientId)) {
                return StandInHttp.json(400, error("invalid_grant", 70008,
                        "The provided authorization code or refresh token has expired or was already redeemed.", null));
            }
            grant = new Grant(grant.tid(), clientId, grant.user(), blank(p.get("scope")) ? grant.scope() : p.get("scope"),
                    null);
        }
        return issue(grant);
    }

    /** Entra's token answer for a grant: access, refresh and ID token, {@code client_info}, {@code scope}. */
    private OAuth2HttpResponse issue(Grant grant) {
        List<String> resourceScopes = StandInTokens.resourceScopes(grant.scope());
        String refresh = random();
        refreshTokens.put(refresh, grant);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("scope", resourceScopes.isEmpty() ? "openid profile" : String.join(" ", resourceScopes));
        body.put("expires_in", StandInTokens.LIFETIME.toSeconds());
        body.put("ext_expires_in", StandInTokens.LIFETIME.toSeconds());
        body.put("access_token", tokens.accessToken(grant.tid(), grant.user(), grant.clientId(), resourceScopes));
        body.put("refresh_token", refresh);
        body.put("id_token", tokens.idToken(grant.tid(), grant.user(), grant.clientId(), grant.nonce()));
        body.put("client_info", StandInTokens.clientInfo(grant.tid(), grant.user()));
        return StandInHttp.json(200, body);
    }

    /** {@code /devicecode}: a public client (no secret) asks for a code for these scopes. */
    private OAuth2HttpResponse deviceCode(StandInDirectory directory, Map<String, String> p) {
        if (blank(p.get("client_id"))) {
            return StandInHttp.json(400, error("invalid_request", 900144,
                    "The request body must contain the following parameter: 'client_id'.", null));
        }
        if (blank(p.get("scope"))) {
            return StandInHttp.json(400, error("invalid_request", 900144,
                    "The request body must contain the following parameter: 'scope'.", null));
        }
        return StandInHttp.json(200, deviceCodes.start(directory.tid(), p.get("client_id"), p.get("scope")));
    }

    /** The device code grant: pending, declined, expired or, once approved, tokens. */
    private OAuth2HttpResponse devicePoll(StandInDirectory directory, Map<String, String> p) {
        if (blank(p.get("client_id")) || blank(p.get("device_code"))) {
            return StandInHttp.json(400, error("invalid_request", 900144,
                    "The request body must contain the following parameters: 'client_id' and 'device_code'.", null));
        }
        return switch (deviceCodes.poll(directory.tid(), p.get("client_id"), p.get("device_code"))) {
            case StandInDeviceCodes.Poll.Refused r -> StandInHttp.json(400, error(r.error(), r.code(), r.description(),
                    null));
            case StandInDeviceCodes.Poll.Approved a -> issue(new Grant(a.tid(), a.clientId(), a.user(), a.scope(),
                    null));
        };
    }

    /**
     * The on-behalf-of grant as Entra answers it: the assertion must be an unexpired token this directory issued for
     * the calling app ({@code aud} = client id); the new token is for the requested resource with the same user.
     */
    private OAuth2HttpResponse onBehalfOf(StandInDirectory directory, String clientId, Map<String, String> p) {
        if (!"on_behalf_of".equals(p.get("requested_token_use")) || blank(p.get("assertion"))) {
            return StandInHttp.json(400, error("invalid_request", 900144,
                    "The request body must contain the following parameter: 'assertion' and requested_token_use.",
                    null));
        }
        Map<String, Object> claims = tokens.verify(directory.tid(), p.get("assertion"));
        if (claims == null) {
            return StandInHttp.json(400, error("invalid_grant", 50013, "Assertion failed signature validation.",
                    null));
        }
        Object exp = claims.get("exp");
        if (!(exp instanceof java.util.Date d) || d.toInstant().isBefore(Instant.now())) {
            return StandInHttp.json(400, error("invalid_grant", 500133,
                    "Assertion is not within its valid time range.", null));
        }
        Object aud = claims.get("aud");
        boolean forCaller = aud instanceof List<?> l ? l.contains(clientId) : clientId.equals(aud);
        if (!forCaller || !directory.tid().equals(claims.get("tid"))) {
            return StandInHttp.json(400, error("invalid_grant", 50013, "Assertion audience does not match the client.",
                    null));
        }
        Optional<DemoUser> user = directory.users().stream().filter(u -> u.oid().equals(claims.get("oid"))).findFirst();
        if (user.isEmpty()) {
            return StandInHttp.json(400, error("invalid_grant", 50034, "The user account does not exist.", null));
        }
        StandInFailure failure = oboUserFailures.get(user.get().oid());
        if (failure != null) {
            return StandInHttp.json(400, error(failure.error, failure.code, failure.description, failure));
        }
        List<String> resourceScopes = StandInTokens.resourceScopes(p.get("scope"));
        if (resourceScopes.isEmpty()) {
            return StandInHttp.json(400, error("invalid_scope", 70011, "The provided value for scope is not valid.",
                    null));
        }
        String refresh = random();
        refreshTokens.put(refresh, new Grant(directory.tid(), clientId, user.get(), p.get("scope"), null));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("scope", String.join(" ", resourceScopes));
        body.put("expires_in", StandInTokens.LIFETIME.toSeconds());
        body.put("ext_expires_in", StandInTokens.LIFETIME.toSeconds());
        body.put("access_token", tokens.accessToken(directory.tid(), user.get(), clientId, resourceScopes));
        body.put("refresh_token", refresh);
        body.put("id_token", tokens.idToken(directory.tid(), user.get(), clientId, null));
        body.put("client_info", StandInTokens.clientInfo(directory.tid(), user.get()));
        return StandInHttp.json(200, body);
    }

    private Map<String, Object> discovery(String tid) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("issuer", StandInTokens.issuer(tid));
        d.put("authorization_endpoint", base + "/" + tid + "/oauth2/v2.0/authorize");
        d.put("token_endpoint", base + "/" + tid + "/oauth2/v2.0/token");
        d.put("jwks_uri", base + "/" + tid + "/discovery/v2.0/keys");
        d.put("response_types_supported", List.of("code"));
        d.put("response_modes_supported", List.of("query", "form_post"));
        d.put("subject_types_supported", List.of("pairwise"));
        d.put("id_token_signing_alg_values_supported", List.of("RS256"));
        d.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        d.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "private_key_jwt",
                "client_secret_basic"));
        d.put("code_challenge_methods_supported", List.of("S256"));
        d.put("tenant_region_scope", "EU");
        d.put("cloud_instance_name", "microsoftonline.com");
        return d;
    }

    private static Map<String, Object> error(String error, int code, String description, StandInFailure failure) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", "AADSTS" + code + ": " + description
                + " Trace ID: " + java.util.UUID.randomUUID() + " Timestamp: " + Instant.now());
        body.put("error_codes", List.of(code));
        body.put("timestamp", Instant.now().toString());
        body.put("trace_id", java.util.UUID.randomUUID().toString());
        body.put("correlation_id", java.util.UUID.randomUUID().toString());
        if (failure != null) {
            body.put("suberror", failure.suberror);
            if (failure == StandInFailure.INTERACTION_REQUIRED) {
                body.put("claims", "{\"access_token\":{\"capolids\":{\"essential\":true,\"values\":[\"mfa\"]}}}");
            }
        }
        return body;
    }

    private static OAuth2HttpResponse redirectError(String redirectUri, Map<String, String> p, String error, int code,
                                                    String description) {
        Map<String, String> back = new LinkedHashMap<>();
        back.put("error", error);
        back.put("error_description", "AADSTS" + code + ": " + description);
        back.put("state", p.get("state"));
        return StandInHttp.redirect(StandInHttp.withQuery(redirectUri, back));
    }

    private static String loginPage(StandInDirectory directory, Map<String, String> p) {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Sign in"
                + " (stand-in Entra)</title></head><body><h1>Sign in</h1><p>Stand-in Microsoft Entra ID, directory "
                + StandInHttp.escape(directory.tid()) + ". Pick a demo user:</p><ul>");
        for (DemoUser user : directory.users()) {
            Map<String, String> q = new LinkedHashMap<>(p);
            q.put("login_hint", user.username());
            String href = StandInHttp.withQuery("/" + directory.tid() + "/oauth2/v2.0/authorize", q);
            html.append("<li><a href=\"").append(StandInHttp.escape(href)).append("\">")
                    .append(StandInHttp.escape(user.name())).append(" (").append(StandInHttp.escape(user.username()))
                    .append(")</a></li>");
        }
        return html.append("</ul></body></html>").toString();
    }

    private static String page(String message) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Sign in error</title></head><body><p>"
                + StandInHttp.escape(message) + "</p></body></html>";
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * One request the stand-in received.
     *
     * @param method     HTTP method
     * @param path       encoded path
     * @param parameters query and form parameters (the stand-in is test-only: secrets and assertions included)
     * @param basicAuth  whether an Authorization header came along
     */
    public record RecordedRequest(String method, String path, Map<String, String> parameters, boolean basicAuth) {
    }

    private record PendingCode(String tid, String clientId, String redirectUri, String challenge, String nonce,
                               String scope, DemoUser user, Instant expiresAt) {
    }

    private record Grant(String tid, String clientId, DemoUser user, String scope, String nonce) {
    }

    /** Configures a stand-in. */
    public static final class Builder {
        private final List<StandInDirectory> directories = new ArrayList<>();
        private final Map<String, String> clientSecrets = new LinkedHashMap<>();
        private final Map<String, StandInFailure> failures = new LinkedHashMap<>();
        private boolean interactive = true;
        private Duration deviceCodeInterval = Duration.ofSeconds(5);

        private Builder() {
        }

        /** The polling interval device-code clients are told ({@code interval}; Entra says 5 s). */
        public Builder deviceCodeInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("the device code interval must be positive");
            }
            this.deviceCodeInterval = interval;
            return this;
        }

        public Builder directory(StandInDirectory directory) {
            directories.add(directory);
            return this;
        }

        /**
         * Whether {@code /authorize} without {@code login_hint} shows the login page ({@code true}, default) or signs
         * the directory's first user in at once ({@code false}, mock-oauth2-server's {@code interactiveLogin=false}).
         */
        public Builder interactive(boolean value) {
            this.interactive = value;
            return this;
        }

        /** Requires this secret from this client (clients not named here may send any secret or assertion). */
        public Builder clientSecret(String clientId, String secret) {
            clientSecrets.put(clientId, secret);
            return this;
        }

        /** Makes the token endpoint fail for this client id. */
        public Builder failing(String clientId, StandInFailure failure) {
            failures.put(clientId, failure);
            return this;
        }

        public EntraStandIn build() {
            if (directories.isEmpty()) {
                throw new IllegalStateException("the stand-in needs at least one directory");
            }
            return new EntraStandIn(this);
        }
    }

}
