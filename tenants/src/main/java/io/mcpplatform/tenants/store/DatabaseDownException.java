package io.mcpplatform.tenants.store;

import java.util.Set;

/**
 * The database could not be reached (connection refused, closed under a query, connect or pool timeout, server
 * shutting down). Callers answer "temporarily unavailable" (503 with {@code Retry-After}) rather than an internal
 * error; nothing of the failed unit of work was committed.
 */
public final class DatabaseDownException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Set<String> CONNECTION_FAILURES = Set.of("ConnectException", "ClosedConnectionException",
            "ClosedChannelException", "ConnectTimeoutException", "NoStackTraceTimeoutException", "TimeoutException",
            "PoolClosedException", "NoRouteToHostException", "SocketException");
    private static final int MAX_DEPTH = 12;
    /** Seconds every protocol's 503 asks clients to wait ({@code Retry-After}). */
    public static final long RETRY_AFTER_SECONDS = 2;

    DatabaseDownException(Throwable cause) {
        super("database unavailable: " + cause.getClass().getSimpleName(), cause);
    }

    /**
     * Whether a failure means the database was unreachable rather than that the statement was wrong: a connection
     * failure anywhere in the cause chain (or among the suppressed failures of a composite one), or a PostgreSQL error of SQLSTATE class 08 (connection exception) or
     * 57P01–57P03 (shutdown, cannot connect now).
     */
    public static boolean isConnectionFailure(Throwable failure) {
        return isConnectionFailure(failure, 0);
    }

    private static boolean isConnectionFailure(Throwable failure, int level) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof DatabaseDownException || CONNECTION_FAILURES.contains(t.getClass().getSimpleName())) {
                return true;
            }
            if (level < 2) {
                for (Throwable suppressed : t.getSuppressed()) {
                    if (isConnectionFailure(suppressed, level + 1)) {
                        return true;
                    }
                }
            }
            if (t instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))) {
                return true;
            }
            String message = t.getMessage();
            if (t.getClass().getSimpleName().startsWith("NoStackTrace") && message != null
                    && (message.contains("Connection") || message.contains("closed") || message.contains("Timeout"))) {
                return true;
            }
        }
        return false;
    }
}
