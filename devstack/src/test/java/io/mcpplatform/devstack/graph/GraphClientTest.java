package io.mcpplatform.devstack.graph;

import io.mcpplatform.devstack.entra.DemoDirectories;
import io.mcpplatform.devstack.entra.DemoUser;
import io.mcpplatform.devstack.entra.EntraStandIn;
import io.mcpplatform.server.graph.AccessTokens;
import io.mcpplatform.server.graph.GraphClient;
import io.mcpplatform.server.graph.GraphConnection;
import io.mcpplatform.server.graph.GraphException;
import io.mcpplatform.server.graph.GraphGroup;
import io.mcpplatform.server.graph.Memberships;
import io.mcpplatform.server.graph.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link GraphClient} against the stand-in Graph over real sockets, with tokens minted by the stand-in Entra. */
class GraphClientTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final String GRAPH_SCOPE = "https://graph.microsoft.com/User.Read";

    EntraStandIn entra;
    GraphStandIn graph;
    final List<Duration> sleeps = new ArrayList<>();
    final AtomicInteger tokenCalls = new AtomicInteger();
    GraphConnection connection;

    @BeforeEach
    void start() {
        EntraStandIn.Builder b = EntraStandIn.builder().interactive(false);
        DemoDirectories.all().forEach(b::directory);
        entra = b.build().start(0);
        graph = GraphStandIn.start(0, entra.baseUrl());
        connection = connection(Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        graph.close();
        entra.close();
    }

    private GraphConnection connection(Duration timeout) {
        RetryPolicy retry = new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(1),
                Clock.fixed(NOW, ZoneOffset.UTC), sleeps::add);
        return new GraphConnection(graph.baseUrl(), timeout, retry);
    }

    private AccessTokens tokensFor(DemoUser user, String tid) {
        return rejected -> {
            tokenCalls.incrementAndGet();
            return entra.accessToken(tid, user, DemoDirectories.DEMO_CLIENT_ID, GRAPH_SCOPE);
        };
    }

    private GraphClient alice() {
        return connection.client(tokensFor(DemoDirectories.ALICE, DemoDirectories.DEMO_TID));
    }

    @Test
    void meWhenAliceThenHerProfile() {
        var me = alice().me();

        assertEquals(DemoDirectories.ALICE.oid(), me.id());
        assertEquals("Alice Demo", me.displayName());
        assertEquals("alice@demo.example", me.userPrincipalName());
        assertEquals("Platform Administrator", me.jobTitle());
    }

    @Test
    void transitiveMemberOfWhenThreeGroupsThenFollowsNextLinkAcrossTwoPages() {
        Memberships m = alice().transitiveMemberOf();

        assertEquals(List.of(DemoGraph.DEMO_ADMIN_GROUP, DemoGraph.DEMO_EVERYONE_GROUP,
                DemoGraph.DEMO_ENGINEERING_GROUP), m.groups().stream().map(GraphGroup::id).toList());
        assertFalse(m.truncated());
        assertEquals(2, graph.requests().stream().filter(r -> r.path().endsWith("/transitiveMemberOf")).count());
    }

    @Test
    void checkMemberGroupsWhenBobThenOnlyGroupsHeIsIn() {
        GraphClient bob = connection.client(tokensFor(DemoDirectories.BOB, DemoDirectories.DEMO_TID));

        assertEquals(List.of(DemoGraph.DEMO_EVERYONE_GROUP),
                bob.checkMemberGroups(List.of(DemoGraph.DEMO_ADMIN_GROUP, DemoGraph.DEMO_EVERYONE_GROUP)));
    }

    @Test
    void recentFilesWhenTopTwoThenTwoNewestFiles() {
        var files = alice().recentFiles(2);

        assertEquals(List.of("Roadmap.docx", "Budget.xlsx"), files.stream().map(f -> f.name()).toList());
    }

    @Test
    void callWhenThrottledTwiceWithRetryAfterSecondsThenWaitsAsToldAndSucceeds() {
        graph.throttleNext(2, 429, Optional.of("2"));

        assertEquals("Alice Demo", alice().me().displayName());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2)), sleeps);
        assertEquals(3, graph.requests().size());
    }

    @Test
    void callWhenUnavailableWithRetryAfterHttpDateThenWaitsUntilThatDate() {
        String in3s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW.plusSeconds(3),
                ZoneOffset.UTC));
        graph.throttleNext(1, 503, Optional.of(in3s));

        alice().me();

        assertEquals(List.of(Duration.ofSeconds(3)), sleeps);
    }

    @Test
    void callWhenThrottledBeyondAttemptsThenClearErrorAfterThreeAttempts() {
        graph.throttleNext(5, 429, Optional.of("1"));

        GraphException e = assertThrows(GraphException.class, () -> alice().me());

        assertEquals(429, e.status());
        assertTrue(e.getMessage().startsWith("Microsoft Graph is throttling requests"), e.getMessage());
        assertEquals(3, graph.requests().size());
    }

    @Test
    void callWhenRetryAfterExceedsWaitBudgetThenFailsWithoutWaiting() {
        graph.throttleNext(1, 429, Optional.of("60"));

        GraphException e = assertThrows(GraphException.class, () -> alice().me());

        assertTrue(e.getMessage().contains("try again in 60 s"), e.getMessage());
        assertEquals(List.of(), sleeps);
        assertEquals(1, graph.requests().size());
    }

    @Test
    void callWhenFirstTokenRejectedThenAsksForFreshTokenOnceAndRetries() {
        graph.rejectNext(1);

        assertEquals("Alice Demo", alice().me().displayName());
        assertEquals(2, tokenCalls.get());
        assertEquals(2, graph.requests().size());
    }

    @Test
    void callWhenFreshTokenRejectedTooThenInvalidAuthenticationTokenError() {
        graph.rejectNext(2);

        GraphException e = assertThrows(GraphException.class, () -> alice().me());

        assertEquals(401, e.status());
        assertEquals("InvalidAuthenticationToken", e.code());
        assertEquals(2, tokenCalls.get());
        assertFalse(e.getMessage().contains("eyJ"), e.getMessage());
    }

    @Test
    void callWhenGraphTooSlowThenBoundedTimeoutError() {
        GraphClient impatient = connection(Duration.ofMillis(300))
                .client(tokensFor(DemoDirectories.ALICE, DemoDirectories.DEMO_TID));
        graph.delayNext(Duration.ofSeconds(3));

        GraphException e = assertThrows(GraphException.class, impatient::me);

        assertEquals("Microsoft Graph did not answer in time", e.getMessage());
    }

    @Test
    void callWhenGraphUnreachableThenClearError() {
        graph.close();

        GraphException e = assertThrows(GraphException.class, () -> alice().me());

        assertEquals("Microsoft Graph could not be reached", e.getMessage());
    }

    @Test
    void callWhenTokenNotForGraphThenErrorBodyMappedWithoutToken() {
        GraphClient wrongAudience = connection.client(rejected -> entra.accessToken(DemoDirectories.DEMO_TID,
                DemoDirectories.ALICE, DemoDirectories.DEMO_CLIENT_ID,
                "api://" + DemoDirectories.DEMO_CLIENT_ID + "/access_as_user"));

        GraphException e = assertThrows(GraphException.class, wrongAudience::me);

        assertEquals(401, e.status());
        assertEquals("Microsoft Graph did not accept the sign-in (HTTP 401 InvalidAuthenticationToken): "
                + "Access token is empty or invalid.", e.getMessage());
    }

    @Test
    void callWhenUserUnknownToGraphThenNotFoundMappedFromErrorBody() {
        DemoUser stranger = new DemoUser("5a5a5a5a-0000-4000-8000-000000005a5a", "Stranger", "s@demo.example");
        GraphClient client = connection.client(rejected ->
                entra.accessToken(DemoDirectories.DEMO_TID, stranger, DemoDirectories.DEMO_CLIENT_ID, GRAPH_SCOPE));

        GraphException e = assertThrows(GraphException.class, client::me);

        assertEquals(404, e.status());
        assertEquals("Request_ResourceNotFound", e.code());
        assertTrue(e.getMessage().startsWith("Microsoft Graph found nothing there (HTTP 404 Request_ResourceNotFound)"),
                e.getMessage());
    }

    @Test
    void callWhenTokenPayloadSwappedToAnotherUserThenRejectedAsForged() {
        String alice = entra.accessToken(DemoDirectories.DEMO_TID, DemoDirectories.ALICE,
                DemoDirectories.DEMO_CLIENT_ID, GRAPH_SCOPE);
        String bob = entra.accessToken(DemoDirectories.DEMO_TID, DemoDirectories.BOB,
                DemoDirectories.DEMO_CLIENT_ID, GRAPH_SCOPE);
        String[] a = alice.split("\\.");
        String forged = a[0] + "." + bob.split("\\.")[1] + "." + a[2];

        GraphException e = assertThrows(GraphException.class, () -> connection.client(rejected -> forged).me());

        assertEquals(401, e.status());
        assertEquals(List.of(""), graph.requests().stream().map(GraphStandIn.Request::oid).distinct().toList());
    }
}
