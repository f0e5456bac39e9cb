package io.mcpplatform.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpplatform.devstack.entra.DemoDirectories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tools that call Microsoft Graph (the stand-in) as the signed-in user through on-behalf-of, driven by the official
 * TypeScript SDK client after a real sign-in; the OBO token is cached per user (counted at the stand-in Entra).
 */
class GraphEndToEndTest {
    @TempDir
    static Path dir;
    static RunningPlatform running;

    @BeforeAll
    static void start() {
        running = RunningPlatform.start(dir);
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    private static String signIn(String user, String tool) throws Exception {
        Path token = dir.resolve(user + ".tok");
        JsonNode result = NodeTools.run("oauth-client.mjs", "graph-" + user + ".log", List.of(
                "--url", running.platform.mcpUrl("demo").toString(), "--user", user,
                "--entra-host", running.entraHost(), "--tool", tool, "--token-out", token.toString(), "--verbose")).ok();
        assertFalse(result.path("result").path("isError").asBoolean(), result.toString());
        return Files.readString(token).strip();
    }

    private static JsonNode structured(HttpResponse<String> response) {
        return RunningPlatform.result(response);
    }

    @Test
    void whoamiWhenCalledAfterSignInThenGraphAnswersAsTheUserAndTheOboTokenIsReused() throws Exception {
        String token = signIn(DemoDirectories.ALICE.username(), "whoami");
        int oboBefore = running.entra.standIn().oboRequests().size();

        JsonNode me = structured(running.callTool("demo", token, "whoami"));

        assertEquals(DemoDirectories.ALICE.oid(), me.path("structuredContent").path("id").asText(), me.toString());
        assertEquals(oboBefore, running.entra.standIn().oboRequests().size(), "the second call must hit the OBO cache");
    }

    @Test
    void toolsListWhenCallerIsNotAnAdminThenTheAdminToolIsNotListed() throws Exception {
        String alice = signIn(DemoDirectories.ALICE.username(), "whoami");
        String bob = signIn(DemoDirectories.BOB.username(), "whoami");

        List<String> aliceTools = toolNames(alice);
        List<String> bobTools = toolNames(bob);

        assertTrue(aliceTools.contains("tenant_admin_report"), aliceTools.toString());
        assertFalse(bobTools.contains("tenant_admin_report"), bobTools.toString());
        assertTrue(bobTools.contains("whoami") && bobTools.contains("list_my_groups"), bobTools.toString());
    }

    private static List<String> toolNames(String token) {
        return running.toolNames("demo", token);
    }

    @Test
    void adminToolWhenCalledByAdminGroupMemberThenAnswersAndForOthersRefused() throws Exception {
        String alice = signIn(DemoDirectories.ALICE.username(), "whoami");
        String bob = signIn(DemoDirectories.BOB.username(), "whoami");

        JsonNode allowed = structured(running.callTool("demo", alice, "tenant_admin_report"));
        JsonNode refused = structured(running.callTool("demo", bob, "tenant_admin_report"));

        assertFalse(allowed.path("isError").asBoolean(), allowed.toString());
        assertEquals("demo", allowed.path("structuredContent").path("tenant").asText());
        assertTrue(refused.path("isError").asBoolean(), refused.toString());
        assertTrue(refused.toString().contains("administrators group"), refused.toString());
    }
}
