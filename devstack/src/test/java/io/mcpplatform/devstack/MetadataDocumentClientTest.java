package io.mcpplatform.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpplatform.devstack.entra.DemoDirectories;
import io.mcpplatform.server.oauth.cimd.FetchedClientMetadataDocuments;
import io.mcpplatform.server.oauth.cimd.LocalHttpsServer;
import io.mcpplatform.server.oauth.cimd.SafeDocumentFetcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official TypeScript SDK client signing in with a client-ID metadata document instead of registering: its
 * https {@code client_id} is served by a local HTTPS server (the only relaxation of the SSRF guard is that this test's
 * fetcher may reach that one loopback server and trusts its test certificate).
 */
class MetadataDocumentClientTest {
    private static final String REDIRECT = "http://127.0.0.1:53777/callback";

    @TempDir
    static Path dir;
    static LocalHttpsServer documents;
    static RunningPlatform running;
    static String clientId;

    @BeforeAll
    static void start() throws Exception {
        documents = new LocalHttpsServer(dir);
        clientId = "https://" + LocalHttpsServer.CERT_HOST + ":" + documents.port() + "/mcp-client.json";
        byte[] body = ("{\"client_id\":\"" + clientId + "\",\"client_name\":\"Metadata Document Client\","
                + "\"redirect_uris\":[\"" + REDIRECT + "\"],\"token_endpoint_auth_method\":\"none\","
                + "\"grant_types\":[\"authorization_code\",\"refresh_token\"],\"response_types\":[\"code\"]}")
                .getBytes(StandardCharsets.UTF_8);
        documents.route("/mcp-client.json", ex -> LocalHttpsServer.respond(ex, 200, "application/json", body));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        SafeDocumentFetcher fetcher = SafeDocumentFetcher.forLocalTesting(Clock.systemUTC(), host -> {
            if (!host.equals(LocalHttpsServer.CERT_HOST)) {
                throw new UnknownHostException(host);
            }
            return List.of(loopback);
        }, documents.clientTrust(), Set.of(loopback));
        running = RunningPlatform.start(dir.resolve("platform"),
                options -> options.withMetadataDocuments(new FetchedClientMetadataDocuments(fetcher)));
    }

    @AfterAll
    static void stop() {
        running.close();
        documents.close();
    }

    @Test
    void sdkClientWhenUsingAMetadataDocumentThenSignsInWithoutRegistering() throws Exception {
        JsonNode result = NodeTools.run("oauth-client.mjs", "sdk-cimd.log", List.of(
                "--url", running.platform.mcpUrl("demo").toString(), "--user", DemoDirectories.BOB.username(),
                "--entra-host", running.entraHost(), "--client-metadata-url", clientId, "--redirect-uri", REDIRECT,
                "--tool", "signed_in_user", "--verbose")).ok();

        assertEquals(clientId, result.path("client_id").asText());
        JsonNode user = result.path("result").path("structuredContent");
        assertEquals(clientId, user.path("clientId").asText());
        assertTrue(documents.requests("/mcp-client.json") >= 1);
    }
}
