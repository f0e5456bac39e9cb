package io.mcpplatform.server.oauth.cimd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mcpplatform.server.oauth.cimd.DocumentFetchException.Reason;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentUrlTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "http://client.example/meta.json",
        "HTTPS://client.example/meta.json",
        "ftp://client.example/meta.json",
        "https://user:pw@client.example/meta.json",
        "https://user@client.example/meta.json",
        "https://client.example/meta.json#frag",
        "https://client.example/meta.json#",
        "https://client.example",
        "https://client.example/",
        "https://client.example/a/../meta.json",
        "https://client.example/a/./meta.json",
        "https://client.example/a/%2e%2E/meta.json",
        "https:///meta.json",
        "https://client.example:0/meta.json",
        "//client.example/meta.json",
        "urn:example:client"})
    void invalidWhenRuleBroken(String url) {
        DocumentFetchException e = assertThrows(DocumentFetchException.class, () -> DocumentUrl.parse(URI.create(url)));
        assertEquals(Reason.INVALID_URL, e.reason());
    }

    @Test
    void invalidWhenLongerThanLimit() {
        URI url = URI.create("https://client.example/" + "a".repeat(DocumentUrl.MAX_LENGTH));
        assertEquals(Reason.INVALID_URL, assertThrows(DocumentFetchException.class, () -> DocumentUrl.parse(url)).reason());
    }

    @Test
    void parsedWithDefaultPortAndQuery() throws Exception {
        DocumentUrl url = DocumentUrl.parse(URI.create("https://Client.Example/c/meta.json?v=1"));
        assertEquals(new DocumentUrl("client.example", 443, "Client.Example", "/c/meta.json?v=1"), url);
    }

    @Test
    void parsedWithExplicitPortAndIpv6Literal() throws Exception {
        DocumentUrl url = DocumentUrl.parse(URI.create("https://[2606:4700::1111]:8443/meta.json"));
        assertEquals(new DocumentUrl("2606:4700::1111", 8443, "[2606:4700::1111]:8443", "/meta.json"), url);
    }
}
