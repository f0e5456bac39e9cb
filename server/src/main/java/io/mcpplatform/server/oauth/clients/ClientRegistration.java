package io.mcpplatform.server.oauth.clients;

import io.mcpplatform.tenants.Tenant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 7591 dynamic client registration: validates a registration request strictly, stores the client (a secret only
 * as its hash) and answers the client information (RFC 7591 §3.2.1). Every refusal names the offending field and
 * stores nothing.
 */
public final class ClientRegistration {
    /** Token endpoint authentication methods a registration may ask for. */
    public static final Set<String> AUTH_METHODS = Set.of("none", "client_secret_basic", "client_secret_post");
    /** Grant types a client may register. */
    public static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token");
    private static final List<String> DEFAULT_GRANT_TYPES = List.of("authorization_code", "refresh_token");
    /** Optional RFC 7591 URL fields kept in the stored metadata when they are strings. */
    private static final List<String> URL_FIELDS = List.of("client_uri", "logo_uri", "tos_uri", "policy_uri");
    private static final List<String> STRING_FIELDS = List.of("software_id", "software_version");
    private static final int MAX_OTHER_FIELD_LENGTH = 2000;

    private final OAuthClientRepository repository;
    private final RegistrationLimits limits;
    private final Set<String> supportedScopes;
    private final Clock clock;
    private final ObjectMapper json;

    /**
     * @param repository      where clients are stored
     * @param limits          size and count limits
     * @param supportedScopes scopes a client may name in {@code scope}
     * @param clock           source of {@code client_id_issued_at}
     */
    public ClientRegistration(OAuthClientRepository repository, RegistrationLimits limits, Set<String> supportedScopes,
                              Clock clock) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.supportedScopes = Set.copyOf(supportedScopes);
        this.clock = Objects.requireNonNull(clock, "clock");
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
                .build();
        this.json = new ObjectMapper(factory);
    }

    /** The registration limits. */
    public RegistrationLimits limits() {
        return limits;
    }

    /**
     * Registers a client with the tenant.
     *
     * @param tenant a tenant whose policy allows dynamic registration
     * @param body   the request body (already known to be within the size limit)
     * @return the client information to answer, including the secret for confidential clients (shown only here)
     * @throws ClientRegistrationException for any invalid field or when the tenant's client cap is reached
     */
    public ObjectNode register(Tenant tenant, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ClientRegistrationException.invalidMetadata("the request body is not valid JSON");
        } catch (java.io.IOException e) {
            throw ClientRegistrationException.invalidMetadata("the request body could not be read");
        }
        if (root == null || !root.isObject()) {
            throw ClientRegistrationException.invalidMetadata("the request body must be a JSON object");
        }
        List<String> redirectUris = redirectUris(tenant, root);
        String authMethod = optionalString(root, "token_endpoint_auth_method", 64).orElse("none");
        if (!AUTH_METHODS.contains(authMethod)) {
            throw ClientRegistrationException.invalidMetadata("token_endpoint_auth_method must be one of none,"
                    + " client_secret_basic or client_secret_post");
        }
        List<String> grantTypes = stringArray(root, "grant_types", 8).orElse(DEFAULT_GRANT_TYPES);
        for (String g : grantTypes) {
            if (!GRANT_TYPES.contains(g)) {
                throw ClientRegistrationException.invalidMetadata("grant_types may contain only authorization_code"
                        + " and refresh_token");
            }
        }
        if (!grantTypes.contains("authorization_code")) {
            throw ClientRegistrationException.invalidMetadata("grant_types must include authorization_code");
        }
        List<String> responseTypes = stringArray(root, "response_types", 8).orElse(List.of("code"));
        if (!responseTypes.equals(List.of("code"))) {
            throw ClientRegistrationException.invalidMetadata("response_types must be [\"code\"]");
        }
        String name = optionalString(root, "client_name", limits.maxClientNameLength()).orElse("");
        Optional<String> scope = optionalString(root, "scope", 1000);
        if (scope.isPresent()) {
            for (String s : scope.get().split(" ")) {
                if (!supportedScopes.contains(s)) {
                    throw ClientRegistrationException.invalidMetadata("scope may contain only " + sorted(supportedScopes));
                }
            }
        }

        String clientId = "mcp-" + OpaqueValues.random(24);
        Optional<String> secret = "none".equals(authMethod) ? Optional.empty() : Optional.of(OpaqueValues.random());
        Instant now = clock.instant();
        ObjectNode info = json.createObjectNode();
        info.put("client_id", clientId);
        info.put("client_id_issued_at", now.getEpochSecond());
        info.put("client_name", name);
        ArrayNode uris = info.putArray("redirect_uris");
        redirectUris.forEach(uris::add);
        ArrayNode grants = info.putArray("grant_types");
        grantTypes.forEach(grants::add);
        info.putArray("response_types").add("code");
        info.put("token_endpoint_auth_method", authMethod);
        scope.ifPresent(s -> info.put("scope", s));
        for (String field : URL_FIELDS) {
            optionalString(root, field, MAX_OTHER_FIELD_LENGTH).ifPresent(v -> {
                if (!v.startsWith("https://")) {
                    throw ClientRegistrationException.invalidMetadata(field + " must be an https URL");
                }
                info.put(field, v);
            });
        }
        for (String field : STRING_FIELDS) {
            optionalString(root, field, 200).ifPresent(v -> info.put(field, v));
        }

        OAuthClient client = new OAuthClient(tenant.id(), clientId, name, redirectUris, authMethod,
                secret.map(OpaqueValues::sha256Hex), OAuthClient.RegistrationType.DYNAMIC, false);
        int maxClients = tenant.limits().clients().orElse(limits.maxClientsPerTenant());
        if (!repository.insertDynamic(client, grantTypes, info.toString(), now, maxClients)) {
            throw new ClientRegistrationException(403, "access_denied", "this tenant has reached its limit of "
                    + maxClients + " registered clients");
        }
        secret.ifPresent(s -> {
            info.put("client_secret", s);
            info.put("client_secret_expires_at", 0);
        });
        return info;
    }

    private List<String> redirectUris(Tenant tenant, JsonNode root) {
        List<String> uris = stringArray(root, "redirect_uris", limits.maxRedirectUris())
                .orElseThrow(() -> ClientRegistrationException.invalidRedirectUri("redirect_uris is required"));
        if (uris.isEmpty()) {
            throw ClientRegistrationException.invalidRedirectUri("redirect_uris must list at least one URI");
        }
        List<String> policy = tenant.clientPolicy().redirectAllowList();
        for (int i = 0; i < uris.size(); i++) {
            String uri = uris.get(i);
            int index = i;
            RedirectUris.problem(uri, limits.maxRedirectUriLength()).ifPresent(p -> {
                throw ClientRegistrationException.invalidRedirectUri("redirect_uris[" + index + "] " + p);
            });
            if (!RedirectUris.allowedBy(uri, policy)) {
                throw ClientRegistrationException.invalidRedirectUri("redirect_uris[" + index
                        + "] is not allowed by this tenant's redirect allow-list");
            }
        }
        return List.copyOf(new LinkedHashSet<>(uris));
    }

    private Optional<List<String>> stringArray(JsonNode root, String field, int maxItems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw invalid(field, field + " must be an array of strings");
        }
        if (node.size() > maxItems) {
            throw invalid(field, field + " may list at most " + maxItems + " entries");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw invalid(field, field + " must be an array of strings");
            }
            values.add(item.asText());
        }
        return Optional.of(values);
    }

    private static Optional<String> optionalString(JsonNode root, String field, int maxLength) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw ClientRegistrationException.invalidMetadata(field + " must be a string");
        }
        String value = node.asText();
        if (value.length() > maxLength) {
            throw ClientRegistrationException.invalidMetadata(field + " must be at most " + maxLength + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw ClientRegistrationException.invalidMetadata(field + " must not contain control characters");
        }
        return Optional.of(value);
    }

    private static ClientRegistrationException invalid(String field, String description) {
        return "redirect_uris".equals(field)
                ? ClientRegistrationException.invalidRedirectUri(description)
                : ClientRegistrationException.invalidMetadata(description);
    }

    private static String sorted(Set<String> values) {
        return String.join(", ", values.stream().sorted().toList());
    }
}
