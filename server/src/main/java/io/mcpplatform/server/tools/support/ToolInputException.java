package io.mcpplatform.server.tools.support;

/** A tool argument that breaks the tool's input schema; the message names the argument. */
public final class ToolInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ToolInputException(String message) {
        super(message);
    }
}
