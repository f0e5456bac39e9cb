package io.mcpplatform.server.oauth.cimd;

import io.mcpplatform.server.oauth.cimd.DocumentFetchException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One minimal HTTP/1.1 GET over an already connected socket, with every read bounded by the remaining time and the
 * size limits. Understands {@code Content-Length}, {@code chunked} and read-to-close bodies; nothing else (no
 * compression: it asks for {@code identity}).
 */
final class BoundedHttpExchange {

    /** A parsed response: status, lower-cased header names (last value wins), body. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private final Socket socket;
    private final FetchLimits limits;
    private final long deadlineNanos;
    private InputStream in;

    BoundedHttpExchange(Socket socket, FetchLimits limits, long deadlineNanos) {
        this.socket = socket;
        this.limits = limits;
        this.deadlineNanos = deadlineNanos;
    }

    Response get(DocumentUrl url) throws IOException, DocumentFetchException {
        String request = "GET " + url.requestTarget() + " HTTP/1.1\r\n"
                + "Host: " + url.hostHeader() + "\r\n"
                + "Accept: application/json\r\n"
                + "Accept-Encoding: identity\r\n"
                + "User-Agent: mcp-platform-client-metadata-fetcher\r\n"
                + "Connection: close\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in = socket.getInputStream();

        String statusLine = readLine(limits.maxHeaderBytes());
        int status = parseStatus(statusLine);
        Map<String, String> headers = new LinkedHashMap<>();
        int headerBytes = statusLine.length();
        while (true) {
            String line = readLine(limits.maxHeaderBytes() - headerBytes);
            headerBytes += line.length() + 2;
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw malformed("header line without a name");
            }
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        if (status != 200) {
            return new Response(status, headers, new byte[0]);
        }
        return new Response(status, headers, readBody(headers));
    }

    private byte[] readBody(Map<String, String> headers) throws IOException, DocumentFetchException {
        String transferEncoding = headers.get("transfer-encoding");
        if (transferEncoding != null) {
            if (!"chunked".equalsIgnoreCase(transferEncoding)) {
                throw malformed("unsupported transfer-encoding");
            }
            return readChunked();
        }
        String contentLength = headers.get("content-length");
        if (contentLength != null) {
            long length;
            try {
                length = Long.parseLong(contentLength);
            } catch (NumberFormatException e) {
                throw malformed("bad content-length");
            }
            if (length < 0) {
                throw malformed("bad content-length");
            }
            if (length > limits.maxBodyBytes()) {
                throw tooLarge();
            }
            return readExactly((int) length);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int b;
        while ((b = read()) != -1) {
            body.write(b);
            if (body.size() > limits.maxBodyBytes()) {
                throw tooLarge();
            }
        }
        return body.toByteArray();
    }

    private byte[] readChunked() throws IOException, DocumentFetchException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(64);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw malformed("bad chunk size");
            }
            if (size < 0 || body.size() + size > limits.maxBodyBytes()) {
                throw tooLarge();
            }
            if (size == 0) {
                // trailers until the empty line
                int budget = limits.maxHeaderBytes();
                String trailer;
                while (!(trailer = readLine(budget)).isEmpty()) {
                    budget -= trailer.length() + 2;
                }
                return body.toByteArray();
            }
            body.write(readExactly((int) size));
            if (!readLine(2).isEmpty()) {
                throw malformed("chunk not followed by CRLF");
            }
        }
    }

    private byte[] readExactly(int length) throws IOException, DocumentFetchException {
        byte[] bytes = new byte[length];
        int read = 0;
        while (read < length) {
            armTimeout();
            int n;
            try {
                n = in.read(bytes, read, length - read);
            } catch (SocketTimeoutException e) {
                throw timeout();
            }
            if (n < 0) {
                throw malformed("body shorter than announced");
            }
            read += n;
        }
        return bytes;
    }

    private String readLine(int maxBytes) throws IOException, DocumentFetchException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = read();
            if (b == -1) {
                throw malformed("connection closed mid-line");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) b);
            if (line.length() > maxBytes) {
                throw new DocumentFetchException(Reason.TOO_LARGE, "response headers larger than the limit");
            }
        }
    }

    private int read() throws IOException, DocumentFetchException {
        armTimeout();
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            throw timeout();
        }
    }

    private void armTimeout() throws IOException, DocumentFetchException {
        long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (remainingMillis <= 0) {
            throw timeout();
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
    }

    private static int parseStatus(String statusLine) throws DocumentFetchException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3) {
            throw malformed("bad status line");
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw malformed("bad status code");
        }
    }

    private DocumentFetchException tooLarge() {
        return new DocumentFetchException(Reason.TOO_LARGE, "body larger than " + limits.maxBodyBytes() + " bytes");
    }

    private DocumentFetchException timeout() {
        return new DocumentFetchException(Reason.TIMEOUT, "no complete response within " + limits.timeout());
    }

    private static DocumentFetchException malformed(String why) {
        return new DocumentFetchException(Reason.MALFORMED_RESPONSE, why);
    }
}
