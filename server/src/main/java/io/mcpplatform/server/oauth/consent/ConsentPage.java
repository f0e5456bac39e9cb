package io.mcpplatform.server.oauth.consent;

import java.util.Map;
import java.util.stream.Collectors;

import static io.mcpplatform.server.oauth.consent.Html.escape;

/** Renders the consent page: who is signed in, which client asks for what, and where the code will go. */
public final class ConsentPage {
    /** Plain-language descriptions of the scopes the platform knows. */
    private static final Map<String, String> SCOPE_TEXT = Map.of(
            "mcp:tools", "Use this organisation's MCP tools as you (tool calls act with your identity and permissions)");

    private ConsentPage() {
    }

    /** The whole page; every dynamic value is escaped. */
    public static String render(ConsentView v) {
        String clientName = v.clientName().isBlank() ? v.clientId() : v.clientName();
        String who = v.userName().isBlank() ? escape(v.username())
                : escape(v.userName()) + (v.username().isBlank() ? "" : " (" + escape(v.username()) + ")");
        String warning = v.clientVerified() ? "" : """
                <p class="warn">The name <strong>%s</strong> was chosen by the application itself and has not been
                verified. Continue only if you started this sign-in and you trust where the application will be
                sent: <strong>%s</strong>.</p>
                """.formatted(escape(clientName), escape(v.redirectHost()));
        String scopes = v.scopes().stream()
                .map(s -> "<li><code>" + escape(s) + "</code>"
                        + (SCOPE_TEXT.containsKey(s) ? " — " + escape(SCOPE_TEXT.get(s)) : "") + "</li>")
                .collect(Collectors.joining("\n"));
        String body = """
                <h1>Allow %s to access %s?</h1>
                <p class="who">Signed in as %s</p>
                <p>After you approve, you will be sent to:</p>
                <p class="host">%s</p>
                %s
                <p>The application asks for:</p>
                <ul>
                %s
                </ul>
                <form method="post" action="%s">
                <input type="hidden" name="request" value="%s">
                <input type="hidden" name="csrf" value="%s">
                <div class="actions">
                <button type="submit" name="decision" value="approve" class="approve">Approve</button>
                <button type="submit" name="decision" value="deny">Deny</button>
                </div>
                </form>
                <p class="hint">Client id: %s</p>
                """.formatted(escape(clientName), escape(v.tenantName()), who, escape(v.redirectHost()), warning,
                scopes, escape(v.actionPath()), escape(v.requestId()), escape(v.csrfToken()), escape(v.clientId()));
        return Html.page("Allow " + escape(clientName) + "?", body);
    }
}
