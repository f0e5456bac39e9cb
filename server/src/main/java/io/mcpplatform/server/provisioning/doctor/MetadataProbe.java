package io.mcpplatform.server.provisioning.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Fetches a directory's OpenID Connect metadata ({@code {authority}/{tid}/v2.0/.well-known/openid-configuration})
 * and the server's clock from its {@code Date} header. The devstack rewrites the authority to its stand-in.
 */
public final class MetadataProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final WebClient http;
    private final UnaryOperator<URI> rewrite;

    public MetadataProbe(Duration timeout, UnaryOperator<URI> rewrite) {
        this.http = WebClient.builder().connectTimeout(timeout).readTimeout(timeout).followRedirects(false).build();
        this.rewrite = rewrite;
    }

    /** What came back: status 0 when nothing did. */
    public record Answer(int status, Optional<JsonNode> body, Optional<Instant> serverTime, String error) {
    }

    public Answer fetch(String authority, String tenantId) {
        URI uri = rewrite.apply(URI.create(authority + "/" + tenantId + "/v2.0/.well-known/openid-configuration"));
        try (HttpClientResponse response = http.get().uri(uri).request()) {
            Optional<Instant> date = response.headers().first(HeaderNames.DATE).flatMap(MetadataProbe::parseDate);
            String text = response.entity().hasEntity() ? response.as(String.class) : "";
            Optional<JsonNode> body;
            try {
                body = Optional.of(JSON.readTree(text));
            } catch (IOException notJson) {
                body = Optional.empty();
            }
            return new Answer(response.status().code(), body, date, "");
        } catch (RuntimeException e) {
            return new Answer(0, Optional.empty(), Optional.empty(), e.getClass().getSimpleName());
        }
    }

    private static Optional<Instant> parseDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
