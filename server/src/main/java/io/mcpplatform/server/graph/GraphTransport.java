package io.mcpplatform.server.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Graph request with the platform's rules, shared by every Graph client: the bearer token comes from
 * {@link AccessTokens}; on 401 a fresh token is asked for once and the request retried once; on 429/503 it waits as
 * {@link RetryPolicy} allows; a timeout or refused connection, a second 401 or any other error ends in a
 * {@link GraphException} whose message never holds a token. Blocking: call it from a virtual thread.
 */
public final class GraphTransport {
    private static final int MAX_MESSAGE = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GraphConnection connection;
    private final AccessTokens tokens;

    public GraphTransport(GraphConnection connection, AccessTokens tokens) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /** The absolute URL of a path below Graph's v1.0 root ({@code /applications}). */
    public String url(String path) {
        return connection.baseUrl() + path;
    }

    /**
     * Sends {@code method} (GET, POST, PATCH, DELETE) to {@code url} with {@code body} as JSON (null: none) and these
     * extra headers ({@code Prefer}, {@code ConsistencyLevel}).
     *
     * @return the 2xx answer
     * @throws GraphException any other answer after the allowed retries, or no answer
     */
    public GraphResponse send(String method, String url, Object body, Map<String, String> headers) {
        RetryPolicy retry = connection.retry();
        String token = tokens.token(false);
        boolean refreshed = false;
        Duration waited = Duration.ZERO;
        int attempts = 0;
        while (true) {
            attempts++;
            Answer answer = exchange(method, url, body, headers, token);
            if (answer.status >= 200 && answer.status < 300) {
                return new GraphResponse(answer.status, parse(answer.body), answer.date);
            }
            if (answer.status == 401 && !refreshed) {
                refreshed = true;
                token = tokens.token(true);
                continue;
            }
            if (answer.status == 429 || answer.status == 503) {
                Duration wait = retry.waitFor(answer.retryAfter);
                if (attempts >= retry.maxAttempts() || waited.plus(wait).compareTo(retry.maxTotalWait()) > 0) {
                    throw new GraphException(answer.status, code(answer.body), (answer.status == 429
                            ? "Microsoft Graph is throttling requests" : "Microsoft Graph is unavailable")
                            + " (HTTP " + answer.status + ", " + attempts + " attempt" + (attempts == 1 ? "" : "s")
                            + "); try again in " + Math.max(1, wait.toSeconds()) + " s");
                }
                sleep(retry, wait);
                waited = waited.plus(wait);
                continue;
            }
            throw error(answer);
        }
    }

    private Answer exchange(String method, String url, Object body, Map<String, String> headers, String token) {
        HttpClientRequest request = connection.http().method(Method.create(method))
                .uri(URI.create(url))
                .header(HeaderNames.AUTHORIZATION, "Bearer " + token)
                .header(HeaderNames.ACCEPT, "application/json");
        headers.forEach((name, value) -> request.header(HeaderNames.create(name), value));
        try (HttpClientResponse response = body == null ? request.request()
                : request.contentType(MediaTypes.APPLICATION_JSON).submit(JSON.writeValueAsString(body))) {
            String text = response.entity().hasEntity() ? response.as(String.class) : "";
            return new Answer(response.status().code(), text, response.headers().first(HeaderNames.RETRY_AFTER),
                    response.headers().first(HeaderNames.DATE));
        } catch (IOException e) {
            throw new GraphException("Microsoft Graph request could not be written", e);
        } catch (RuntimeException e) {
            if (isTimeout(e)) {
                throw new GraphException("Microsoft Graph did not answer in time", e);
            }
            throw new GraphException("Microsoft Graph could not be reached", e);
        }
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(RetryPolicy retry, Duration wait) {
        try {
            retry.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException("interrupted while waiting for Microsoft Graph", e);
        }
    }

    private static GraphException error(Answer answer) {
        String code = code(answer.body);
        String message = "";
        try {
            message = JSON.readTree(answer.body).path("error").path("message").asText("");
        } catch (IOException | RuntimeException notJson) {
            // keep the message empty: a non-JSON body is not shown to the user
        }
        message = message.replaceAll("(?i)bearer\\s+\\S+", "Bearer [hidden]").replaceAll("eyJ[\\w-]+\\.[\\w-]+\\.[\\w-]*", "[token]");
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "…";
        }
        String what = switch (answer.status) {
            case 401 -> "Microsoft Graph did not accept the sign-in";
            case 403 -> "Microsoft Graph refused access";
            case 404 -> "Microsoft Graph found nothing there";
            default -> "Microsoft Graph answered with an error";
        };
        return new GraphException(answer.status, code, what + " (HTTP " + answer.status
                + (code.isEmpty() ? "" : " " + code) + ")" + (message.isEmpty() ? "" : ": " + message));
    }

    private static String code(String body) {
        try {
            return JSON.readTree(body).path("error").path("code").asText("");
        } catch (IOException | RuntimeException notJson) {
            return "";
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new GraphException("Microsoft Graph answered with something that is not JSON", e);
        }
    }

    private record Answer(int status, String body, Optional<String> retryAfter, Optional<String> date) {
    }
}
