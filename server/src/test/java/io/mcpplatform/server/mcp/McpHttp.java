package io.mcpplatform.server.mcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small HTTP client for the endpoint tests (java.net.http, plus a raw socket where Host must be forged). */
final class McpHttp {
    static final String ACCEPT_BOTH = "application/json, text/event-stream";
    private final HttpClient client = HttpClient.newHttpClient();
    private final int port;

    McpHttp(int port) {
        this.port = port;
    }

    URI uri(String tenant) {
        return URI.create("http://127.0.0.1:" + port + "/t/" + tenant + "/mcp");
    }

    HttpResponse<String> post(String tenant, String body, String... headers) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("Accept", ACCEPT_BOTH);
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(tenant)).POST(HttpRequest.BodyPublishers.ofString(body));
        h.forEach((k, v) -> {
            if (v != null) {
                b.header(k, v);
            }
        });
        return send(b.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<InputStream> stream(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String initialize(String tenant) {
        HttpResponse<String> res = post(tenant, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""");
        if (res.statusCode() != 200) {
            throw new IllegalStateException("initialize: " + res.statusCode() + " " + res.body());
        }
        String session = res.headers().firstValue("Mcp-Session-Id").orElseThrow();
        HttpResponse<String> initialized = post(tenant, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");
        if (initialized.statusCode() != 202) {
            throw new IllegalStateException("initialized: " + initialized.statusCode());
        }
        return session;
    }

    /** A raw HTTP/1.1 POST with the given Host header; returns the status line's code. */
    int rawPostStatus(String tenant, String host, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST /t/" + tenant + "/mcp HTTP/1.1\r\nHost: " + host + "\r\n"
                    + "Content-Type: application/json\r\nAccept: " + ACCEPT_BOTH + "\r\n"
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    /** Reads SSE events until one whose data contains {@code needle}; returns [id, data]. */
    static String[] readEventContaining(BufferedReader reader, String needle) throws IOException {
        String id = null;
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data.toString().contains(needle)) {
                    return new String[] {id, data.toString()};
                }
                id = null;
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).trim());
            }
        }
        throw new IOException("stream ended before an event containing " + needle);
    }
}
