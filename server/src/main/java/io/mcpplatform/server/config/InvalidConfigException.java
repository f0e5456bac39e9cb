package io.mcpplatform.server.config;

/** A configuration value is missing or wrong; the message names the key and what is expected, never a secret value. */
public final class InvalidConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message) {
        super(message);
    }
}
