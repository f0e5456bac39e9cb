package io.mcpplatform.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's browser for the authorization-code flow, in Java and without a browser engine: follows {@code Location}
 * headers by hand, keeps cookies per {@code host:port}, adds {@code login_hint} on the stand-in Entra's
 * {@code /authorize} (non-interactive sign-in of that user), and stops either at the client's redirect URI or at the
 * platform's consent page, whose form it can submit. One instance is one browser (one cookie jar).
 */
final class ScriptedBrowser {
    private static final int MAX_STEPS = 12;
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"(request|csrf)\" value=\"([^\"]*)\">");

    /** Where the walk stopped: at the client's redirect URI, or on the consent page. */
    sealed interface Stop {
    }

    /** The browser reached the client's redirect URI; {@code params} are its decoded query parameters. */
    record AtClient(URI location, Map<String, String> params) implements Stop {
        String code() {
            return Optional.ofNullable(params.get("code")).orElseThrow(() -> new AssertionError("no code: " + params));
        }
    }

    /** The consent page: its URL, the form's request id and CSRF token, and the cookie the platform set. */
    record AtConsent(URI page, String requestId, String csrf, String cookie, HttpResponse<String> response)
            implements Stop {
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Map<String, String>> cookies = new ConcurrentHashMap<>();
    private final String entraHost;
    private final String loginHint;

    /**
     * @param entraHost {@code host:port} of the stand-in Entra
     * @param loginHint the user to sign in
     */
    ScriptedBrowser(String entraHost, String loginHint) {
        this.entraHost = entraHost;
        this.loginHint = loginHint;
    }

    /** Opens an authorization URL and follows redirects until the redirect URI (prefix) or the consent page. */
    Stop open(String authorizationUrl, String redirectPrefix) {
        URI next = URI.create(authorizationUrl);
        for (int i = 0; i < MAX_STEPS; i++) {
            if (next.toString().startsWith(redirectPrefix)) {
                return new AtClient(next, query(next));
            }
            HttpResponse<String> res = get(withLoginHint(next));
            Optional<String> location = res.headers().firstValue("Location");
            if (res.statusCode() / 100 == 3 && location.isPresent()) {
                next = next.resolve(location.get());
                continue;
            }
            if (res.statusCode() == 200 && next.getPath().endsWith("/oauth2/consent")) {
                return consentPage(next, res);
            }
            throw new AssertionError("browser stopped with HTTP " + res.statusCode() + " at " + next.getPath()
                    + ": " + res.body().substring(0, Math.min(300, res.body().length())));
        }
        throw new AssertionError("no redirect to " + redirectPrefix + " after " + MAX_STEPS + " steps");
    }

    /** Signs in and approves the consent page when one appears; returns the client's redirect. */
    AtClient approve(String authorizationUrl, String redirectPrefix) {
        return switch (open(authorizationUrl, redirectPrefix)) {
            case AtClient c -> c;
            case AtConsent c -> {
                HttpResponse<String> decided = submitConsent(c, "approve");
                yield (AtClient) open(c.page().resolve(decided.headers().firstValue("Location").orElseThrow(() ->
                        new AssertionError("consent gave " + decided.statusCode() + ": " + decided.body()))).toString(),
                        redirectPrefix);
            }
        };
    }

    /** Posts the consent form as this browser would (same origin, its cookie, the form's token). */
    HttpResponse<String> submitConsent(AtConsent consent, String decision) {
        return post(consent.page(), form("request", consent.requestId(), "csrf", consent.csrf(), "decision", decision),
                Map.of("Origin", origin(consent.page())));
    }

    /** A GET with this browser's cookies. */
    HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET(), uri);
    }

    /** A form POST with this browser's cookies and extra headers. */
    HttpResponse<String> post(URI uri, String form, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(b::header);
        return send(b, uri);
    }

    /** The {@code Cookie} header this browser sends to {@code uri}'s host. */
    String cookieHeader(URI uri) {
        Map<String, String> jar = cookies.getOrDefault(uri.getRawAuthority(), Map.of());
        StringBuilder out = new StringBuilder();
        jar.forEach((k, v) -> out.append(out.isEmpty() ? "" : "; ").append(k).append('=').append(v));
        return out.toString();
    }

    private AtConsent consentPage(URI page, HttpResponse<String> res) {
        Map<String, String> hidden = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(res.body());
        while (m.find()) {
            hidden.put(m.group(1), m.group(2));
        }
        if (!hidden.containsKey("request") || !hidden.containsKey("csrf")) {
            throw new AssertionError("consent page without its form fields");
        }
        return new AtConsent(page, hidden.get("request"), hidden.get("csrf"), cookieHeader(page), res);
    }

    private HttpResponse<String> send(HttpRequest.Builder builder, URI uri) {
        String cookie = cookieHeader(uri);
        if (!cookie.isEmpty()) {
            builder.header("Cookie", cookie);
        }
        try {
            HttpResponse<String> res = http.send(builder.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            store(uri, res);
            return res;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void store(URI uri, HttpResponse<String> res) {
        Map<String, String> jar = cookies.computeIfAbsent(uri.getRawAuthority(), k -> new ConcurrentHashMap<>());
        for (String line : res.headers().allValues("Set-Cookie")) {
            String pair = line.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (line.toLowerCase(java.util.Locale.ROOT).contains("max-age=0") || value.isEmpty()) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
    }

    private URI withLoginHint(URI uri) {
        if (uri.getRawAuthority().equals(entraHost) && uri.getPath().endsWith("/authorize")
                && !uri.getRawQuery().contains("login_hint=")) {
            return URI.create(uri + "&login_hint=" + URLEncoder.encode(loginHint, StandardCharsets.UTF_8));
        }
        return uri;
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    /** {@code application/x-www-form-urlencoded} of name/value pairs. */
    static String form(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            out.append(i == 0 ? "" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }
}
