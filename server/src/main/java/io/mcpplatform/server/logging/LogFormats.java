package io.mcpplatform.server.logging;

import io.mcpplatform.server.config.LogFormat;

import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** Switches the root logger's handlers to the configured line format once at start-up. */
public final class LogFormats {
    private LogFormats() {
    }

    /** With {@link LogFormat#JSON} every root handler gets the {@link JsonLogFormatter}; text leaves them as they are. */
    public static void install(LogFormat format) {
        if (format != LogFormat.JSON) {
            return;
        }
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            handler.setFormatter(new JsonLogFormatter());
        }
    }
}
