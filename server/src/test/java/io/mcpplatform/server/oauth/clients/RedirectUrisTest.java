package io.mcpplatform.server.oauth.clients;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedirectUrisTest {
    private static final String HTTPS = "https://app.example.com/oauth/callback";
    private static final String LOOPBACK = "http://127.0.0.1:33418/callback";
    private static final List<String> REGISTERED = List.of(HTTPS, LOOPBACK, "http://localhost:8080/cb",
            "http://[::1]:9000/cb?x=1");

    @Test
    void matchesWhenExactlyRegisteredThenTrue() {
        for (String r : REGISTERED) {
            assertTrue(RedirectUris.matches(r, REGISTERED), r);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1:1/callback", "http://127.0.0.1:65535/callback", "http://127.0.0.1/callback",
            "http://localhost:51234/cb", "http://[::1]:1234/cb?x=1"})
    void matchesWhenLoopbackWithOtherPortThenTrue(String presented) {
        assertTrue(RedirectUris.matches(presented, REGISTERED), presented);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // trailing slash, extra query, fragment
            "https://app.example.com/oauth/callback/", "https://app.example.com/oauth/callback?x=1",
            "https://app.example.com/oauth/callback?", "https://app.example.com/oauth/callback#",
            "https://app.example.com/oauth/callback#frag", "http://127.0.0.1:33418/callback/",
            "http://127.0.0.1:33418/callback?extra=1", "http://127.0.0.1:33418/callback#x",
            // case changes
            "https://APP.example.com/oauth/callback", "https://app.example.com/OAuth/callback",
            "HTTPS://app.example.com/oauth/callback", "http://LOCALHOST:8080/cb", "HTTP://127.0.0.1:33418/callback",
            // port on a non-loopback URI, http vs https
            "https://app.example.com:443/oauth/callback", "https://app.example.com:8443/oauth/callback",
            "http://app.example.com/oauth/callback", "https://127.0.0.1:33418/callback",
            // dot segments and path parameters
            "https://app.example.com/oauth/../oauth/callback", "https://app.example.com/oauth/./callback",
            "https://app.example.com/oauth/callback/..", "https://app.example.com/oauth/..;/oauth/callback",
            "http://127.0.0.1:33418/x/../callback", "http://127.0.0.1:33418/..;/callback",
            // user info
            "https://app.example.com@evil.example/oauth/callback", "https://user@app.example.com/oauth/callback",
            "http://127.0.0.1:33418@evil.example/callback", "http://evil@127.0.0.1:33418/callback",
            // percent-encoding tricks
            "https://app.example.com/oauth%2fcallback", "https://app.example.com/oauth/%63allback",
            "https://app.example.com/oauth/%2e%2e/oauth/callback", "https://app.example.com/oauth/callback%23x",
            "https://app.example.com/oauth/callback%3Fx", "https://app.example.com/oauth/callback%00",
            "http://127.0.0.1:33418/%2e%2e/callback", "https://app.example.com%2f@evil.example/oauth/callback",
            // other schemes and hosts
            "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "javascript://app.example.com/%0aalert(1)",
            "file:///etc/passwd", "//app.example.com/oauth/callback", "/oauth/callback",
            "https://evil.example/oauth/callback", "https://app.example.com.evil.example/oauth/callback",
            "http://127.0.0.2:33418/callback", "http://localhost.evil.example:33418/callback",
            "http://[::1]:9000/cb", "http://[::1]:9000/cb?x=2", "http://127.0.0.1:33418/callback?",
            // whitespace and backslashes
            " https://app.example.com/oauth/callback", "https://app.example.com/oauth/callback ",
            "https://app.example.com\\@evil.example/oauth/callback", "https://app.example.com/oauth/callback\t", ""})
    void matchesWhenVariantOfRegisteredThenFalse(String presented) {
        assertFalse(RedirectUris.matches(presented, REGISTERED), presented);
    }

    @Test
    void matchesWhenRegisteredIsNotLoopbackThenPortMayNotVary() {
        assertFalse(RedirectUris.matches("https://app.example.com:444/cb", List.of("https://app.example.com:443/cb")));
        assertTrue(RedirectUris.matches("https://app.example.com:443/cb", List.of("https://app.example.com:443/cb")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "data:text/html,x", "http://example.com/cb", "ftp://x/cb",
            "https://a.example/cb#", "https://u:p@a.example/cb", "https://a.example/a/../cb", "https://A.example/cb",
            "https://a.example/%2E%2E/cb", "https:///cb", "mailto:a@b.c", "urn:ietf:wg:oauth:2.0:oob"})
    void problemWhenNotAcceptableThenReason(String uri) {
        assertTrue(RedirectUris.problem(uri, 2000).isPresent(), uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://a.example/cb", "https://a.example:8443/cb?x=1", "http://127.0.0.1:1234/cb",
            "http://localhost/cb", "http://[::1]:5/", "https://vscode.dev/redirect"})
    void problemWhenAcceptableThenEmpty(String uri) {
        assertEquals(java.util.Optional.empty(), RedirectUris.problem(uri, 2000), uri);
    }

    @Test
    void problemWhenLongerThanLimitThenReasonNamesLimit() {
        String uri = "https://a.example/" + "x".repeat(2000);
        assertTrue(RedirectUris.problem(uri, 2000).orElseThrow().contains("2000"));
    }

    @Test
    void allowedByWhenPortWildcardThenAnyPortOfThatHostOnly() {
        List<String> list = List.of("http://127.0.0.1:*", "https://vscode.dev/redirect", "https://app.example/cb/*");
        assertTrue(RedirectUris.allowedBy("http://127.0.0.1:5000/callback", list));
        assertTrue(RedirectUris.allowedBy("http://127.0.0.1/callback", list));
        assertFalse(RedirectUris.allowedBy("http://localhost:5000/callback", list));
        assertFalse(RedirectUris.allowedBy("http://127.0.0.1.evil.example:5000/callback", list));
        assertTrue(RedirectUris.allowedBy("https://vscode.dev/redirect", list));
        assertFalse(RedirectUris.allowedBy("https://vscode.dev/redirect/", list));
        assertFalse(RedirectUris.allowedBy("https://vscode.dev/redirect?x=1", list));
        assertTrue(RedirectUris.allowedBy("https://app.example/cb/one", list));
        assertFalse(RedirectUris.allowedBy("https://app.example/cb", list));
        assertFalse(RedirectUris.allowedBy("https://app.example/cb/../x", list));
        assertFalse(RedirectUris.allowedBy("https://app.example/cbx", list));
    }
}
