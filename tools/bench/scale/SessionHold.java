import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark-only: opens N MCP sessions on one tenant of the platform (127.0.0.1), each with its GET listening stream
 * held open (one socket each), prints "open N" when all are established and the stream's first event was read,
 * then holds them until a line arrives on standard input (or it closes), and closes them.
 *   java SessionHold.java http://127.0.0.1:PORT/t/TENANT/mcp N
 */
public final class SessionHold {
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"hold\",\"version\":\"1\"}}}";

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int count = Integer.parseInt(args[1]);
        HttpClient http = HttpClient.newHttpClient();
        List<Socket> streams = new ArrayList<>(count);
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> init = http.send(HttpRequest.newBuilder(url)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(INIT)).build(), HttpResponse.BodyHandlers.ofString());
            String session = init.headers().firstValue("Mcp-Session-Id")
                    .orElseThrow(() -> new IllegalStateException("no session id: HTTP " + init.statusCode()
                            + " " + init.body()));
            streams.add(openStream(url, session));
        }
        System.out.println("open " + streams.size() + " in_ms=" + (System.nanoTime() - started) / 1_000_000);
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in)).readLine();
        for (Socket s : streams) {
            s.close();
        }
    }

    /** GET with the session id; returns once the status line is 200 and the first SSE line has arrived. */
    private static Socket openStream(URI url, String session) throws Exception {
        Socket socket = new Socket(url.getHost(), url.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nAccept: text/event-stream\r\nMcp-Session-Id: " + session
                + "\r\nMCP-Protocol-Version: 2025-06-18\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String status = in.readLine();
        if (status == null || !status.contains(" 200")) {
            throw new IllegalStateException("GET stream refused: " + status);
        }
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            // headers
        }
        while ((line = in.readLine()) != null && !line.contains("stream open")) {
            // chunk sizes, until the first comment
        }
        if (line == null) {
            throw new IllegalStateException("GET stream closed before its first event");
        }
        return socket;
    }
}
