package io.mcpplatform.server.tools.graph;

/** A tool argument that breaks the tool's input schema; the message names the argument. */
final class ToolInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ToolInputException(String message) {
        super(message);
    }
}
