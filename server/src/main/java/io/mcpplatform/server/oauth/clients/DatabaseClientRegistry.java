package io.mcpplatform.server.oauth.clients;

import io.mcpplatform.tenants.Tenant;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@link ClientRegistry} over the {@code oauth_clients} table and client-ID metadata documents. An https
 * {@code client_id} is looked up as a metadata document (when the tenant allows them) and validated here: its
 * {@code client_id} must equal the URL exactly, its redirect URIs follow the same rules as registered ones and the
 * tenant's allow-list, and it must be a public client ({@code none}). Metadata-document clients are not stored; the
 * fetcher caches the documents.
 */
public final class DatabaseClientRegistry implements ClientRegistry {
    private static final Logger LOG = Logger.getLogger(DatabaseClientRegistry.class.getName());
    /** Longest https {@code client_id} URL accepted. */
    public static final int MAX_CLIENT_ID_URL_LENGTH = 2048;

    private final OAuthClientRepository repository;
    private final ClientMetadataDocuments documents;
    private final RegistrationLimits limits;

    /**
     * @param repository registered clients
     * @param documents  the (SSRF-guarded, caching) metadata document fetcher
     * @param limits     the same limits that apply to dynamic registration
     */
    public DatabaseClientRegistry(OAuthClientRepository repository, ClientMetadataDocuments documents,
                                  RegistrationLimits limits) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.documents = Objects.requireNonNull(documents, "documents");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public Optional<OAuthClient> find(Tenant tenant, String clientId) {
        if (clientId == null || clientId.isEmpty() || clientId.length() > MAX_CLIENT_ID_URL_LENGTH) {
            return Optional.empty();
        }
        if (clientId.startsWith("https://")) {
            // an administrator may have refused this document client (a revoked row); otherwise it has no row
            return tenant.clientPolicy().metadataDocuments()
                    && repository.find(tenant.id(), clientId).map(c -> !c.revoked()).orElse(true)
                    ? fromDocument(tenant, clientId) : Optional.empty();
        }
        return repository.find(tenant.id(), clientId).filter(c -> !c.revoked());
    }

    @Override
    public boolean secretMatches(OAuthClient client, String presentedSecret) {
        if (!client.isConfidential() || client.secretHash().isEmpty() || presentedSecret == null
                || presentedSecret.isEmpty()) {
            return false;
        }
        return OpaqueValues.constantTimeEquals(client.secretHash().get(), OpaqueValues.sha256Hex(presentedSecret));
    }

    /** Validates a fetched document for this tenant; empty (with the reason logged) when it does not qualify. */
    Optional<OAuthClient> fromDocument(Tenant tenant, String clientId) {
        Optional<URI> url = clientIdUrl(clientId);
        if (url.isEmpty()) {
            return reject(tenant, "the client_id URL is not a valid https URL with a path");
        }
        Optional<ClientMetadataDocument> fetched = documents.fetch(url.get());
        if (fetched.isEmpty()) {
            return reject(tenant, "the metadata document could not be fetched");
        }
        ClientMetadataDocument doc = fetched.get();
        Optional<String> problem = problem(tenant, clientId, doc);
        if (problem.isPresent()) {
            return reject(tenant, problem.get());
        }
        String name = doc.clientName().isBlank() ? url.get().getHost() : doc.clientName();
        return Optional.of(new OAuthClient(tenant.id(), clientId, name, doc.redirectUris(), "none", Optional.empty(),
                OAuthClient.RegistrationType.METADATA_DOCUMENT, false));
    }

    /** Why a metadata document does not qualify, or empty. */
    Optional<String> problem(Tenant tenant, String clientId, ClientMetadataDocument doc) {
        if (!doc.clientId().equals(clientId)) {
            return Optional.of("client_id in the document differs from its URL");
        }
        if (doc.redirectUris().isEmpty()) {
            return Optional.of("redirect_uris is missing");
        }
        if (doc.redirectUris().size() > limits.maxRedirectUris()) {
            return Optional.of("redirect_uris lists more than " + limits.maxRedirectUris() + " URIs");
        }
        for (int i = 0; i < doc.redirectUris().size(); i++) {
            String uri = doc.redirectUris().get(i);
            Optional<String> p = RedirectUris.problem(uri, limits.maxRedirectUriLength());
            if (p.isPresent()) {
                return Optional.of("redirect_uris[" + i + "] " + p.get());
            }
            if (!RedirectUris.allowedBy(uri, tenant.clientPolicy().redirectAllowList())) {
                return Optional.of("redirect_uris[" + i + "] is not allowed by the tenant's allow-list");
            }
        }
        if (!doc.tokenEndpointAuthMethod().orElse("none").equals("none")) {
            return Optional.of("token_endpoint_auth_method must be none");
        }
        if (!ClientRegistration.GRANT_TYPES.containsAll(doc.grantTypes())) {
            return Optional.of("grant_types may contain only authorization_code and refresh_token");
        }
        if (!doc.responseTypes().isEmpty() && !doc.responseTypes().equals(java.util.List.of("code"))) {
            return Optional.of("response_types must be [\"code\"]");
        }
        if (doc.clientName().length() > limits.maxClientNameLength()
                || doc.clientName().chars().anyMatch(Character::isISOControl)) {
            return Optional.of("client_name is too long or contains control characters");
        }
        return Optional.empty();
    }

    /** The client id as an https URL with a path, no fragment, user info or dot segments; else empty. */
    static Optional<URI> clientIdUrl(String clientId) {
        if (RedirectUris.problem(clientId, MAX_CLIENT_ID_URL_LENGTH).isPresent()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(clientId);
            if (!"https".equals(uri.getScheme()) || uri.getRawPath() == null || uri.getRawPath().length() <= 1) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<OAuthClient> reject(Tenant tenant, String reason) {
        LOG.fine(() -> "tenant " + tenant.slug() + ": client-ID metadata document refused: " + reason);
        return Optional.empty();
    }
}
