package io.mcpplatform.devstack;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the isolation matrix's cases share: the running platform (through the attack matrix's {@link AttackContext}),
 * the tenants, the tally, admin API and MCP requests, and the check that a request changed nothing of a tenant.
 */
final class IsolationWorld {
    final AttackContext ctx;
    final Map<String, IsolationTenant> tenants = new LinkedHashMap<>();

    IsolationWorld(AttackContext ctx) {
        this.ctx = ctx;
    }

    AttackTally tally() {
        return ctx.tally;
    }

    RunningPlatform running() {
        return ctx.running;
    }

    /** An admin API request (a {@code null} body sends none); {@code headers} as name/value pairs. */
    HttpResponse<String> admin(String method, String pathAndQuery, String authorization, String body,
                               String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(ctx.running.admin(pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return ctx.send(b.build());
    }

    /** A tenant's document and ETag as an operator reads them. */
    HttpResponse<String> operatorRead(IsolationTenant t) {
        HttpResponse<String> res = admin("GET", "/admin/v1/tenants/" + t.slug(), "ApiKey " + RunningPlatform.ADMIN_KEY,
                null);
        assertEquals(200, res.statusCode(), res.body());
        return res;
    }

    /** Everything countable of the tenant, and its ETag. */
    Map<String, Object> state(IsolationTenant t, boolean withoutAudit) {
        ctx.running.platform.flushAudit();
        Map<String, Object> state = new LinkedHashMap<>(ctx.db.tenantState(t.id(), t.oids()));
        if (withoutAudit) {
            state.keySet().removeIf(k -> k.contains("audit_log"));
        }
        state.put("ETag", operatorRead(t).headers().firstValue("ETag").orElse(""));
        return state;
    }

    /**
     * Runs {@code action} and fails as a cross-tenant result ({@link AttackTally.StateChanged}) when anything of
     * {@code victim} changed.
     */
    <T> T unchangedFor(IsolationTenant victim, Callable<T> action) throws Exception {
        return unchangedFor(victim, false, action);
    }

    /** Like {@link #unchangedFor(IsolationTenant, Callable)}; {@code ownCalls}: the victim's audit log may grow. */
    <T> T unchangedFor(IsolationTenant victim, boolean ownCalls, Callable<T> action) throws Exception {
        Map<String, Object> before = state(victim, ownCalls);
        T result = action.call();
        Map<String, Object> after = state(victim, ownCalls);
        if (!before.equals(after)) {
            throw new AttackTally.StateChanged(victim.slug() + " changed: " + before + " -> " + after);
        }
        return result;
    }

    /** A JSON-RPC request on a session with a bearer token. */
    HttpResponse<String> rpc(String slug, String token, String session, String method, String params) {
        return ctx.mcpPost(slug, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":" + params
                        + "}", "Authorization", "Bearer " + token, "Mcp-Session-Id", session,
                "MCP-Protocol-Version", "2025-11-25");
    }

    /** A fresh session of the token's user at the tenant. */
    String session(String slug, String token) {
        HttpResponse<String> init = ctx.running.initialize(slug, token);
        assertEquals(200, init.statusCode(), init.body());
        return init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    /** The tools {@code tools/list} shows, with their input schemas. */
    List<JsonNode> tools(String slug, String token, String session) {
        List<JsonNode> out = new java.util.ArrayList<>();
        RunningPlatform.result(rpc(slug, token, session, "tools/list", "{}")).path("tools").forEach(out::add);
        return out;
    }

    /** The {@code result} of a {@code tools/call}. */
    JsonNode call(String slug, String token, String session, String tool, String arguments) {
        return RunningPlatform.result(rpc(slug, token, session, "tools/call",
                "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}"));
    }
}
