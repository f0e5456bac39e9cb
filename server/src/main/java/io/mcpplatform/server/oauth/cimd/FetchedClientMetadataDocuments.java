package io.mcpplatform.server.oauth.cimd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpplatform.server.oauth.clients.ClientMetadataDocument;
import io.mcpplatform.server.oauth.clients.ClientMetadataDocuments;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Client-ID metadata documents fetched through the {@link SafeDocumentFetcher} (SSRF guard, limits, cache) and read
 * as RFC 7591 client metadata. Anything that is not a JSON object of the expected shape is no document at all; the
 * client registry validates the rest (the {@code client_id} must equal the URL, redirect rules, auth method).
 */
public final class FetchedClientMetadataDocuments implements ClientMetadataDocuments {
    private static final System.Logger LOG = System.getLogger(FetchedClientMetadataDocuments.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SafeDocumentFetcher fetcher;

    public FetchedClientMetadataDocuments(SafeDocumentFetcher fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public Optional<ClientMetadataDocument> fetch(URI clientIdUrl) {
        try {
            FetchedDocument fetched = fetcher.fetch(clientIdUrl);
            return parse(fetched.body());
        } catch (DocumentFetchException e) {
            LOG.log(Level.INFO, "client metadata document not used: " + e.getMessage());
            return Optional.empty();
        }
    }

    static Optional<ClientMetadataDocument> parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject() || !root.path("client_id").isTextual()) {
            return Optional.empty();
        }
        Optional<List<String>> redirects = strings(root.path("redirect_uris"));
        Optional<List<String>> grants = strings(root.path("grant_types"));
        Optional<List<String>> responses = strings(root.path("response_types"));
        if (redirects.isEmpty() || grants.isEmpty() || responses.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ClientMetadataDocument(root.get("client_id").asText(),
                text(root, "client_name").orElse(""), redirects.get(),
                text(root, "token_endpoint_auth_method"), grants.get(), responses.get(),
                text(root, "client_uri"), text(root, "logo_uri")));
    }

    private static Optional<String> text(JsonNode root, String field) {
        JsonNode node = root.path(field);
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** A JSON array of strings (absent = empty list); anything else = not a document. */
    private static Optional<List<String>> strings(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.of(List.of());
        }
        if (!node.isArray()) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                return Optional.empty();
            }
            values.add(item.asText());
        }
        return Optional.of(values);
    }
}
