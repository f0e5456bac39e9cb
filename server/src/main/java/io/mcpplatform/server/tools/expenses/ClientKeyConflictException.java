package io.mcpplatform.server.tools.expenses;

/** An {@code add_expense} reused a client key of the same user for a different payload; nothing was stored. */
public final class ClientKeyConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClientKeyConflictException(String clientKey) {
        super("argument 'client_key': '" + clientKey + "' was already used for a different expense; "
                + "use a new key for a new expense");
    }
}
