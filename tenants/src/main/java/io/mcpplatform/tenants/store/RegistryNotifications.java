package io.mcpplatform.tenants.store;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;

import java.time.Duration;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connection of its own (outside Hibernate Reactive's pool, on the same Vert.x) that LISTENs on the channel the
 * tenant registry's trigger NOTIFYs after every change to {@code tenants}, and calls back on each notification. A lost
 * connection is reopened after a pause; each (re)connection calls back once too, since notifications sent while it was
 * down are lost. Notifications are a shortcut only: whoever listens must still poll, which is what catches up when one
 * is missed.
 */
public final class RegistryNotifications implements AutoCloseable {
    /** The channel {@code bump_tenant_registry()} notifies (payload: the new registry version). */
    public static final String CHANNEL = "tenant_registry";
    private static final Logger LOGGER = Logger.getLogger(RegistryNotifications.class.getName());

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final Duration reconnectPause;
    private final Runnable onChange;
    private volatile PgConnection connection;
    private volatile boolean closed;
    private volatile boolean lastAttemptFailed;

    private RegistryNotifications(Database database, Duration reconnectPause, Runnable onChange) {
        DatabaseSettings settings = database.settings();
        this.vertx = database.vertx();
        this.options = PgConnectOptions.fromUri(settings.url())
                .setUser(settings.user())
                .setPassword(settings.password());
        this.options.setConnectTimeout((int) settings.connectTimeout().toMillis());
        this.reconnectPause = reconnectPause;
        this.onChange = onChange;
    }

    /**
     * Starts listening in the background (returns at once; a database that is down is retried every
     * {@code reconnectPause}).
     *
     * @param onChange called on a Vert.x event loop after each notification and each (re)connection: must not block
     */
    public static RegistryNotifications start(Database database, Duration reconnectPause, Runnable onChange) {
        Objects.requireNonNull(onChange, "onChange");
        if (reconnectPause.isNegative() || reconnectPause.isZero()) {
            throw new IllegalArgumentException("reconnect pause must be positive, got " + reconnectPause);
        }
        RegistryNotifications notifications = new RegistryNotifications(database, reconnectPause, onChange);
        notifications.connect();
        return notifications;
    }

    /** Whether a LISTEN connection is open right now. */
    public boolean isListening() {
        return connection != null;
    }

    private void connect() {
        if (closed) {
            return;
        }
        PgConnection.connect(vertx, options)
                .compose(c -> c.query("LISTEN " + CHANNEL).execute().map(rows -> c)
                        .onFailure(e -> c.close()))
                .onSuccess(this::listening)
                .onFailure(this::retryLater);
    }

    private void listening(PgConnection c) {
        if (closed) {
            c.close();
            return;
        }
        c.notificationHandler(n -> callBack());
        c.closeHandler(v -> {
            connection = null;
            if (!closed) {
                LOGGER.log(Level.INFO, "tenant registry notifications: connection lost; reconnecting (polling goes on)");
                retryLater(null);
            }
        });
        connection = c;
        if (lastAttemptFailed) {
            LOGGER.log(Level.INFO, "tenant registry notifications: listening again");
        }
        lastAttemptFailed = false;
        callBack(); // whatever changed while not listening
    }

    private void retryLater(Throwable failure) {
        if (failure != null && !lastAttemptFailed) {
            LOGGER.log(Level.WARNING, "tenant registry notifications unavailable (" + failure.getClass().getSimpleName()
                    + "); polling only until they are back");
            lastAttemptFailed = true;
        }
        if (!closed) {
            vertx.setTimer(reconnectPause.toMillis(), id -> connect());
        }
    }

    private void callBack() {
        try {
            onChange.run();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "tenant registry change callback failed", e);
        }
    }

    /** Stops listening and closes the connection. */
    @Override
    public void close() {
        closed = true;
        PgConnection c = connection;
        connection = null;
        if (c != null) {
            c.close();
        }
    }
}
