package io.mcpplatform.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpplatform.devstack.AttackTally.Verdict;
import io.mcpplatform.devstack.IsolationTenant.Seed;
import org.junit.jupiter.api.DynamicNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tool cases of the isolation matrix for one ordered pair (users of tenant {@code a}, tenant {@code b}): a's
 * tokens (the platform's own and Entra's) at b's endpoint are 401 with b's exact challenge, for {@code initialize},
 * {@code tools/list} and every tool b lists; every tool a's users see, called with arguments, answers without any of
 * b's data; b's {@code list_expenses} cursors are refused, b's expense ids cannot be deleted. Every case also proves
 * that nothing of b changed.
 */
final class ToolIsolation {
    private final IsolationWorld w;
    private final IsolationTenant a;
    private final IsolationTenant b;

    ToolIsolation(IsolationWorld w, IsolationTenant a, IsolationTenant b) {
        this.w = w;
        this.a = a;
        this.b = b;
    }

    List<DynamicNode> all() {
        List<DynamicNode> cases = new ArrayList<>();
        Seed victim = b.seeds().get(b.home().user().oid());
        String bSession = w.session(b.slug(), victim.entraToken());
        Map<String, String> tokens = Map.of("a's platform token", a.home().access(),
                "a's Entra token", a.seeds().get(a.home().user().oid()).entraToken());
        for (var token : tokens.entrySet()) {
            cases.add(w.tally().test("tool-token-at-other-endpoint", "initialize with " + token.getKey(),
                    () -> challenge(w.running().initialize(b.slug(), token.getValue()))));
            cases.add(w.tally().test("tool-token-at-other-endpoint", "tools/list with " + token.getKey(),
                    () -> challenge(w.rpc(b.slug(), token.getValue(), bSession, "tools/list", "{}"))));
            for (JsonNode tool : w.tools(b.slug(), victim.entraToken(), bSession)) {
                String name = tool.path("name").asText();
                cases.add(w.tally().test("tool-token-at-other-endpoint", name + " with " + token.getKey(),
                        () -> challenge(w.rpc(b.slug(), token.getValue(), bSession, "tools/call",
                                "{\"name\":\"" + name + "\",\"arguments\":" + arguments(name, victim) + "}"))));
            }
        }
        for (Seed caller : a.seeds().values()) {
            String session = w.session(a.slug(), caller.entraToken());
            String who = caller.user().username();
            cases.add(w.tally().test("tool-answers", who + " tools/list", () -> answer(
                    () -> w.rpc(a.slug(), caller.entraToken(), session, "tools/list", "{}").body(), "")));
            for (JsonNode tool : w.tools(a.slug(), caller.entraToken(), session)) {
                String name = tool.path("name").asText();
                String args = arguments(name, caller);
                cases.add(w.tally().test("tool-answers", who + " " + name, () -> answer(
                        () -> w.call(a.slug(), caller.entraToken(), session, name, args).toString(), args)));
            }
            cases.add(w.tally().test("tool-foreign-cursor", who + " list_expenses with b's cursor",
                    () -> refusedTool(caller, session, "list_expenses",
                            "{\"cursor\":\"" + victim.cursor() + "\"}", "argument 'cursor'")));
            for (String id : victim.ids()) {
                cases.add(w.tally().test("tool-foreign-delete", who + " delete_expense of b's " + id,
                        () -> refusedTool(caller, session, "delete_expense", "{\"id\":\"" + id + "\"}",
                                "argument 'id': you have no expense with id " + id)));
            }
        }
        return cases;
    }

    /**
     * Cases inside one tenant: each user with the colleague's cursor and expense ids (refused, nothing deleted, no
     * colleague data in the answer). Not cross-tenant, but the same row-level security.
     */
    static List<DynamicNode> colleagues(IsolationWorld w, IsolationTenant t) {
        List<DynamicNode> cases = new ArrayList<>();
        for (Seed caller : t.seeds().values()) {
            for (Seed other : t.seeds().values()) {
                if (other == caller) {
                    continue;
                }
                ToolIsolation self = new ToolIsolation(w, t, t);
                String who = caller.user().username() + " on " + other.user().username() + "'s";
                cases.add(w.tally().test("tool-colleague-cursor", who + " cursor", () -> self.refusedColleague(
                        caller, other, "list_expenses", "{\"cursor\":\"" + other.cursor() + "\"}",
                        "argument 'cursor'")));
                cases.add(w.tally().test("tool-colleague-delete", who + " expense", () -> self.refusedColleague(
                        caller, other, "delete_expense", "{\"id\":\"" + other.ids().getFirst() + "\"}",
                        "argument 'id': you have no expense with id")));
            }
        }
        return cases;
    }

    /** Arguments that make each known tool do its work for {@code seed}'s user; {@code {}} for any other. */
    static String arguments(String tool, Seed seed) {
        return switch (tool) {
            case "echo" -> "{\"message\":\"isolation\"}";
            case "check_group_membership" -> "{\"group_ids\":[\"" + io.mcpplatform.devstack.graph.DemoGraph
                    .DEMO_ADMIN_GROUP + "\",\"" + io.mcpplatform.devstack.graph.DemoGraph.CONTOSO_ADMIN_GROUP + "\"]}";
            case "list_expenses" -> "{\"limit\":100}";
            case "delete_expense" -> "{\"id\":\"00000000-0000-4000-8000-000000000000\"}";
            case "add_expense" -> "{\"amount\":\"1.00\",\"currency\":\"EUR\",\"category\":\"other\","
                    + "\"date\":\"2030-01-01\",\"description\":\"refused: date in the future\"}";
            case "summarize_expenses", "expense_stats" -> "{\"from\":\"2000-01-01\",\"to\":\"2099-12-31\"}";
            default -> "{}";
        };
    }

    private Verdict challenge(HttpResponse<String> res) throws Exception {
        return Refusals.challenge(res, 401, w.ctx.invalidTokenChallenge(b.slug()));
    }

    private interface Answer {
        String get() throws Exception;
    }

    private Verdict answer(Answer call, String request) throws Exception {
        String body = w.unchangedFor(b, call::get);
        List<String> leaks = IsolationTenant.leaks(body, b, a, request);
        return Verdict.of(!leaks.isEmpty(), "leaks=" + leaks + " in " + body,
                () -> assertFalse(body.isEmpty()));
    }

    private Verdict refusedTool(Seed caller, String session, String tool, String args, String error)
            throws Exception {
        JsonNode result = w.unchangedFor(b, () -> w.call(a.slug(), caller.entraToken(), session, tool, args));
        List<String> leaks = IsolationTenant.leaks(result.toString(), b, a, args);
        return Verdict.of(!result.path("isError").asBoolean() || !leaks.isEmpty(), "leaks=" + leaks + " " + result,
                () -> assertTrue(result.path("content").path(0).path("text").asText().startsWith(error),
                        result.toString()));
    }

    private Verdict refusedColleague(Seed caller, Seed other, String tool, String args, String error)
            throws Exception {
        String session = w.session(a.slug(), caller.entraToken());
        JsonNode result = w.unchangedFor(b, true, () -> w.call(a.slug(), caller.entraToken(), session, tool, args));
        String text = result.toString();
        boolean leaked = text.contains(other.marker()) || other.ids().stream()
                .anyMatch(id -> text.contains(id) && !args.contains(id));
        return Verdict.of(!result.path("isError").asBoolean() || leaked, text, () -> {
            assertTrue(result.path("content").path(0).path("text").asText().startsWith(error), text);
            assertEquals(true, result.path("isError").asBoolean());
        });
    }
}
