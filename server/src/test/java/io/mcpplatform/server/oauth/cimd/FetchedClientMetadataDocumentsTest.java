package io.mcpplatform.server.oauth.cimd;

import io.mcpplatform.server.oauth.clients.ClientMetadataDocument;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FetchedClientMetadataDocumentsTest {

    private static Optional<ClientMetadataDocument> parse(String json) {
        return FetchedClientMetadataDocuments.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parseWhenDocumentCompleteThenEveryFieldRead() {
        ClientMetadataDocument doc = parse("""
                {"client_id":"https://app.example/client.json","client_name":"App",
                 "redirect_uris":["http://127.0.0.1:3000/cb"],"token_endpoint_auth_method":"none",
                 "grant_types":["authorization_code"],"response_types":["code"],"logo_uri":"https://app.example/l.png"}
                """).orElseThrow();
        assertEquals("https://app.example/client.json", doc.clientId());
        assertEquals("App", doc.clientName());
        assertEquals(List.of("http://127.0.0.1:3000/cb"), doc.redirectUris());
        assertEquals(Optional.of("none"), doc.tokenEndpointAuthMethod());
        assertEquals(Optional.of("https://app.example/l.png"), doc.logoUri());
        assertEquals(Optional.empty(), doc.clientUri());
    }

    @Test
    void parseWhenNotAnObjectOrMalformedThenNoDocument() {
        assertTrue(parse("[1,2]").isEmpty());
        assertTrue(parse("{bad").isEmpty());
        assertTrue(parse("{\"client_name\":\"no id\"}").isEmpty());
        assertTrue(parse("{\"client_id\":42}").isEmpty());
    }

    @Test
    void parseWhenListsHaveWrongTypesThenNoDocument() {
        assertTrue(parse("{\"client_id\":\"https://a.example/c\",\"redirect_uris\":\"http://127.0.0.1/cb\"}").isEmpty());
        assertTrue(parse("{\"client_id\":\"https://a.example/c\",\"redirect_uris\":[1]}").isEmpty());
        assertTrue(parse("{\"client_id\":\"https://a.example/c\",\"grant_types\":{}}").isEmpty());
    }
}
