package io.mcpplatform.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpplatform.devstack.entra.DemoDirectories;
import io.mcpplatform.devstack.entra.DemoUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pack {@code expenses} through real MCP HTTP on the assembled platform: two users of {@code demo} (Alice administers
 * it, Bob does not) and one of {@code contoso}, each presenting an Entra token for the tenant's app. Users and tenants
 * never see, change or delete each other's expenses; bad input changes nothing; a retried add stores one row; the
 * admin statistic is listed for and answered to the admin only.
 */
class ExpensesEndToEndTest {
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

    /** One user's MCP session at one tenant. */
    record Client(String tenant, String token, String session) {
        static Client of(String tenant, String tid, String clientId, DemoUser user) {
            String token = running.entraToken(tid, user, clientId);
            String session = running.initialize(tenant, token).headers().firstValue("Mcp-Session-Id").orElseThrow();
            return new Client(tenant, token, session);
        }

        JsonNode call(String tool, String arguments) {
            return RunningPlatform.result(running.callTool(tenant, token, session, tool, arguments));
        }

        JsonNode ok(String tool, String arguments) {
            JsonNode result = call(tool, arguments);
            assertFalse(result.path("isError").asBoolean(), result.toString());
            return result.path("structuredContent");
        }

        String error(String tool, String arguments) {
            JsonNode result = call(tool, arguments);
            assertTrue(result.path("isError").asBoolean(), result.toString());
            return result.path("content").path(0).path("text").asText();
        }

        List<String> ids(String arguments) {
            List<String> ids = new ArrayList<>();
            ok("list_expenses", arguments).path("expenses").forEach(e -> ids.add(e.path("id").asText()));
            return ids;
        }
    }

    static Client alice() {
        return Client.of("demo", DemoDirectories.DEMO_TID, DemoDirectories.DEMO_CLIENT_ID, DemoDirectories.ALICE);
    }

    static Client bob() {
        return Client.of("demo", DemoDirectories.DEMO_TID, DemoDirectories.DEMO_CLIENT_ID, DemoDirectories.BOB);
    }

    static Client carol() {
        return Client.of("contoso", DemoDirectories.CONTOSO_TID, DemoDirectories.CONTOSO_CLIENT_ID,
                DemoDirectories.CAROL);
    }

    static void assertStartsWith(String expected, String actual) {
        assertTrue(actual.startsWith(expected), actual);
    }

    /** The SDK checks the JSON Schema first (naming {@code /field}); the pack checks the rest (naming 'field'). */
    static void assertNames(String argument, String message) {
        assertTrue(message.contains("'" + argument + "'") || message.contains("/" + argument)
                || message.contains("\"" + argument + "\""), message);
    }

    static String add(String amount, String currency, String category, String date, String description) {
        return "{\"amount\":\"" + amount + "\",\"currency\":\"" + currency + "\",\"category\":\"" + category
                + "\",\"date\":\"" + date + "\",\"description\":\"" + description + "\"}";
    }

    @Test
    void expensesWhenAddedByOneUserThenInvisibleAndUntouchableForOtherUsersAndTenants() {
        Client alice = alice();
        Client bob = bob();
        Client carol = carol();
        String marker = "iso-" + UUID.randomUUID();
        JsonNode added = alice.ok("add_expense", add("42.10", "EUR", "travel", "2026-01-10", marker));
        String id = added.path("expense").path("id").asText();

        assertTrue(added.path("created").asBoolean());
        assertEquals("42.10", added.path("expense").path("amount").asText());
        assertEquals(4210, added.path("expense").path("amountMinor").asLong());
        assertTrue(alice.ids("{}").contains(id));
        assertFalse(bob.ids("{}").contains(id));
        assertFalse(carol.ids("{}").contains(id));
        assertFalse(bob.call("summarize_expenses", "{}").toString().contains("42.10"));
        assertTrue(bob.error("delete_expense", "{\"id\":\"" + id + "\"}").contains("no expense with id " + id));
        assertTrue(carol.error("delete_expense", "{\"id\":\"" + id + "\"}").contains("no expense with id " + id));
        assertTrue(alice.ids("{}").contains(id), "Alice's expense must survive Bob's and Carol's deletes");

        assertTrue(alice.ok("delete_expense", "{\"id\":\"" + id + "\"}").path("deleted").asBoolean());
        assertFalse(alice.ids("{}").contains(id));
    }

    @Test
    void addWhenArgumentInvalidThenErrorNamesItAndNothingIsStored() {
        Client bob = bob();
        int before = bob.ids("{\"limit\":100}").size();

        assertStartsWith("argument 'amount' has more decimals than EUR allows (2)",
                bob.error("add_expense", add("12.345", "EUR", "meals", "2026-01-10", "x")));
        assertNames("category", bob.error("add_expense", add("10", "EUR", "food", "2026-01-10", "x")));
        assertStartsWith("argument 'date' must be a date yyyy-MM-dd",
                bob.error("add_expense", add("10", "EUR", "meals", "2026-02-30", "x")));
        assertNames("user_oid", bob.error("add_expense", "{\"amount\":\"1\","
                + "\"currency\":\"EUR\",\"category\":\"meals\",\"date\":\"2026-01-10\",\"description\":\"x\","
                + "\"user_oid\":\"someone-else\"}"));
        assertStartsWith("argument 'cursor'", bob.error("list_expenses", "{\"cursor\":\"forged\"}"));

        assertEquals(before, bob.ids("{\"limit\":100}").size());
    }

    @Test
    void addWhenRetriedWithSameClientKeyThenOneRowAndOtherPayloadRefused() {
        Client carol = carol();
        String key = "k-" + UUID.randomUUID();
        String args = "{\"amount\":\"1200\",\"currency\":\"JPY\",\"category\":\"meals\",\"date\":\"2026-02-01\","
                + "\"description\":\"Ramen\",\"client_key\":\"" + key + "\"}";

        JsonNode first = carol.ok("add_expense", args);
        JsonNode retry = carol.ok("add_expense", args);
        String conflict = carol.error("add_expense", args.replace("1200", "1300"));

        assertTrue(first.path("created").asBoolean());
        assertFalse(retry.path("created").asBoolean());
        assertEquals(first.path("expense").path("id"), retry.path("expense").path("id"));
        assertTrue(conflict.startsWith("argument 'client_key'"), conflict);
        long withKey = 0;
        for (JsonNode e : carol.ok("list_expenses", "{\"limit\":100}").path("expenses")) {
            withKey += key.equals(e.path("clientKey").asText()) ? 1 : 0;
        }
        assertEquals(1, withKey);
    }

    @Test
    void listWhenMorePagesThenCursorWalksAllWithoutRepeats() {
        Client bob = bob();
        String marker = "page-" + UUID.randomUUID();
        List<String> added = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            added.add(bob.ok("add_expense", add(i + ".00", "USD", "office", "2025-06-0" + i, marker))
                    .path("expense").path("id").asText());
        }
        String filters = "\"from\":\"2025-06-01\",\"to\":\"2025-06-30\",\"category\":\"office\",\"limit\":2";

        List<String> seen = new ArrayList<>();
        JsonNode page = bob.ok("list_expenses", "{" + filters + "}");
        page.path("expenses").forEach(e -> seen.add(e.path("id").asText()));
        while (page.has("nextCursor")) {
            page = bob.ok("list_expenses", "{" + filters + ",\"cursor\":\"" + page.path("nextCursor").asText() + "\"}");
            page.path("expenses").forEach(e -> seen.add(e.path("id").asText()));
        }

        assertEquals(added.reversed(), seen);
    }

    @Test
    void expenseStatsWhenAdminThenAggregatesOverUsersAndForOthersHiddenAndRefused() {
        Client alice = alice();
        Client bob = bob();
        bob.ok("add_expense", add("100.00", "CHF", "training", "2024-03-01", "Course"));
        alice.ok("add_expense", add("50.00", "CHF", "training", "2024-03-02", "Book"));

        JsonNode stats = alice.ok("expense_stats", "{\"from\":\"2024-03-01\",\"to\":\"2024-03-31\"}");
        String refused = bob.error("expense_stats", "{}");

        JsonNode row = stats.path("categories").path(0);
        assertEquals("training", row.path("category").asText(), stats.toString());
        assertEquals("CHF", row.path("currency").asText());
        assertEquals(2, row.path("users").asInt());
        assertEquals(2, row.path("count").asInt());
        assertEquals("150.00", row.path("total").asText());
        assertFalse(stats.toString().contains(DemoDirectories.BOB.oid()), "no user ids in the statistic");
        assertTrue(refused.contains("administrators group"), refused);
        assertTrue(running.toolNames("demo", alice.token()).contains("expense_stats"));
        List<String> bobTools = running.toolNames("demo", bob.token());
        assertFalse(bobTools.contains("expense_stats"), bobTools.toString());
        assertTrue(bobTools.containsAll(List.of("add_expense", "list_expenses", "delete_expense",
                "summarize_expenses")), bobTools.toString());
    }

    @Test
    void expenseStatsWhenAdminOfOtherTenantThenOnlyThatTenantsData() {
        Client alice = alice();
        Client carol = carol();
        alice.ok("add_expense", add("9.99", "GBP", "software", "2023-05-05", "Demo tenant only"));

        JsonNode stats = carol.ok("expense_stats", "{\"from\":\"2023-05-01\",\"to\":\"2023-05-31\"}");

        assertEquals(0, stats.path("categories").size(), stats.toString());
    }
}
