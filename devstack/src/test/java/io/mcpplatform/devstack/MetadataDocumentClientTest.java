package io.mcpplatform.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpplatform.devstack.entra.DemoDirectories;
import io.mcpplatform.server.oauth.cimd.FetchedClientMetadataDocuments;
import io.mcpplatform.server.oauth.cimd.LocalHttpsServer;
import io.mcpplatform.server.oauth.cimd.SafeDocumentFetcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    /** A second document client, revoked by one of the tests. */
    static String revokedClientId;

    @BeforeAll
    static void start() throws Exception {
        documents = new LocalHttpsServer(dir);
        clientId = "https://" + LocalHttpsServer.CERT_HOST + ":" + documents.port() + "/mcp-client.json";
        byte[] body = ("{\"client_id\":\"" + clientId + "\",\"client_name\":\"Metadata Document Client\","
                + "\"redirect_uris\":[\"" + REDIRECT + "\"],\"token_endpoint_auth_method\":\"none\","
                + "\"grant_types\":[\"authorization_code\",\"refresh_token\"],\"response_types\":[\"code\"]}")
                .getBytes(StandardCharsets.UTF_8);
        documents.route("/mcp-client.json", ex -> LocalHttpsServer.respond(ex, 200, "application/json", body));
        revokedClientId = "https://" + LocalHttpsServer.CERT_HOST + ":" + documents.port() + "/revoked/client.json";
        byte[] second = new String(body, StandardCharsets.UTF_8).replace(clientId, revokedClientId)
                .getBytes(StandardCharsets.UTF_8);
        documents.route("/revoked/client.json", ex -> LocalHttpsServer.respond(ex, 200, "application/json", second));
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

    @Test
    void adminRevokeWhenClientIdIsAUrlPercentEncodedInThePathThenItsTokensAndNewSignInsRefused() throws Exception {
        Path tokensFile = dir.resolve("revoked-client-tokens.json");
        NodeTools.run("oauth-client.mjs", "sdk-cimd-revoked.log", List.of(
                "--url", running.platform.mcpUrl("demo").toString(), "--user", DemoDirectories.ALICE.username(),
                "--entra-host", running.entraHost(), "--client-metadata-url", revokedClientId,
                "--redirect-uri", REDIRECT, "--tokens-out", tokensFile.toString())).ok();
        JsonNode tokens = new ObjectMapper().readTree(Files.readString(tokensFile));
        String access = tokens.path("access_token").asText();
        assertEquals(200, running.initialize("demo", access).statusCode());

        String encoded = URLEncoder.encode(revokedClientId, StandardCharsets.UTF_8);
        assertTrue(encoded.contains("%2F") && encoded.contains("%3A"), encoded);
        HttpResponse<String> revoked = running.send(HttpRequest.newBuilder(running.admin(
                        "/admin/v1/tenants/demo/clients/" + encoded + "/revoke"))
                .header("Authorization", "ApiKey " + RunningPlatform.ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, revoked.statusCode(), revoked.body());
        JsonNode answer = new ObjectMapper().readTree(revoked.body());
        assertEquals(revokedClientId, answer.get("clientId").asText());
        assertEquals(1, answer.get("refreshTokensRevoked").asInt());

        assertEquals(401, running.initialize("demo", access).statusCode(), "its access token is refused at once");
        HttpResponse<String> refresh = running.send(HttpRequest.newBuilder(running.publicUrl("/t/demo/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token="
                        + URLEncoder.encode(tokens.path("refresh_token").asText(), StandardCharsets.UTF_8)
                        + "&client_id=" + encoded)).build());
        assertEquals(401, refresh.statusCode(), refresh.body());
        assertEquals("invalid_client", new ObjectMapper().readTree(refresh.body()).get("error").asText());
        NodeTools.Result again = NodeTools.run("oauth-client.mjs", "sdk-cimd-revoked-again.log", List.of(
                "--url", running.platform.mcpUrl("demo").toString(), "--user", DemoDirectories.ALICE.username(),
                "--entra-host", running.entraHost(), "--client-metadata-url", revokedClientId,
                "--redirect-uri", REDIRECT));
        assertTrue(again.exitCode() != 0, "a new sign-in with the revoked client fails: " + again.json());

        assertEquals(1, revocations(revokedClientId));
        assertEquals(0, revocations(clientId), "the other document client is not revoked");
    }

    private static int revocations(String client) throws Exception {
        HttpResponse<String> audit = running.send(HttpRequest.newBuilder(running.admin(
                        "/admin/v1/tenants/demo/audit?action=admin.client.revoked&client="
                                + URLEncoder.encode(client, StandardCharsets.UTF_8)))
                .header("Authorization", "ApiKey " + RunningPlatform.ADMIN_KEY).GET().build());
        assertEquals(200, audit.statusCode(), audit.body());
        return new ObjectMapper().readTree(audit.body()).get("items").size();
    }
}
