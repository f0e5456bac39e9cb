package io.mcpplatform.server.oauth.consent;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;

/**
 * The tiny HTML toolkit of the authorization front: escaping of every dynamic value, the security headers of every
 * page, and the plain error page.
 */
public final class Html {
    /** No scripts, no framing, forms only back to us, inline styles only. */
    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

    private Html() {
    }

    /** Escapes text for an HTML element body or a quoted attribute value. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '`' -> out.append("&#96;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Sends an HTML page with the security headers ({@code no-store}, CSP, no framing, no referrer). */
    public static void send(ServerResponse res, Status status, String html) {
        send(res, status, html, CONTENT_SECURITY_POLICY);
    }

    /**
     * Sends a page whose form may lead the browser on to one more origin: browsers apply {@code form-action} to the
     * redirects that follow a form submission, so the consent page must name the client's redirect origin or the
     * browser stops before the client gets its code.
     */
    public static void sendForm(ServerResponse res, Status status, String html, String redirectOrigin) {
        if (!redirectOrigin.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+")) {
            throw new IllegalArgumentException("not an origin: " + redirectOrigin);
        }
        send(res, status, html, CONTENT_SECURITY_POLICY.replace("form-action 'self'",
                "form-action 'self' " + redirectOrigin));
    }

    private static void send(ServerResponse res, Status status, String html, String csp) {
        res.status(status);
        securityHeaders(res);
        res.header(HeaderNames.create("Content-Security-Policy"), csp);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8");
        res.send(html.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds the headers every page and redirect of the authorization front carries. */
    public static void securityHeaders(ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.PRAGMA, "no-cache");
        res.header(HeaderNames.create("Content-Security-Policy"), CONTENT_SECURITY_POLICY);
        res.header(HeaderNames.create("X-Frame-Options"), "DENY");
        res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
        // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on the consent form post,
        // which the origin check must refuse; nothing leaks to other sites either way
        res.header(HeaderNames.create("Referrer-Policy"), "same-origin");
    }

    /** A complete error page: a title and a sentence, both escaped. */
    public static String errorPage(String title, String message) {
        return page(escape(title), """
                <h1>%s</h1>
                <p>%s</p>
                <p class="hint">You can close this window and start the sign-in again from your application.</p>
                """.formatted(escape(title), escape(message)));
    }

    /** Wraps trusted body HTML in the common document (title must already be escaped). */
    static String page(String escapedTitle, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="referrer" content="same-origin">
                <title>%s</title>
                <style>
                body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f4f5f7;color:#1b1f24;margin:0}
                main{max-width:34rem;margin:3rem auto;background:#fff;border-radius:8px;padding:2rem;box-shadow:0 1px 4px #0002}
                h1{font-size:1.35rem;margin-top:0}
                .host{font-size:1.2rem;font-weight:600;word-break:break-all;background:#eef2ff;padding:.4rem .6rem;border-radius:4px}
                .warn{background:#fff4e5;border-left:4px solid #f59e0b;padding:.6rem .8rem}
                .hint,.who{color:#57606a}
                ul{padding-left:1.2rem}
                .actions{display:flex;gap:1rem;margin-top:1.5rem}
                button{font-size:1rem;padding:.6rem 1.4rem;border-radius:6px;border:1px solid #8c959f;background:#fff;cursor:pointer}
                button.approve{background:#0969da;border-color:#0969da;color:#fff}
                </style>
                </head>
                <body>
                <main>
                %s
                </main>
                </body>
                </html>
                """.formatted(escapedTitle, body);
    }
}
