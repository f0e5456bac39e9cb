package io.mcpplatform.devstack;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Captures everything a JVM logs while it is open: every JUL record at every level (message, parameters and the
 * stack trace, formatted as a console handler would) and everything written to {@code System.out}/{@code System.err},
 * and scans it for secret values and for secret-shaped text (JWTs, bearer credentials, {@code password=}...).
 */
final class LogCapture implements AutoCloseable {
    /** Secret-shaped text that must never be logged, whatever its value. */
    static final List<Pattern> SHAPES = List.of(
            Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*"),
            Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/-]{20,}"),
            Pattern.compile("(?i)(password|passwd|secret|refresh_token|access_token|client_assertion|assertion)"
                    + "[\"']?\\s*[=:]\\s*[\"']?[A-Za-z0-9._~+/-]{12,}"));

    private final StringBuffer text = new StringBuffer();
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            text.append(record.getLoggerName()).append(" ").append(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger root = Logger.getLogger("");
    private final Level rootLevel = root.getLevel();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    private final List<Logger> pinned = new ArrayList<>();

    /**
     * Starts capturing with the product's logging configuration ({@code logging.properties} of the server: the
     * per-logger levels it pins) and the root level raised to ALL, as an operator debugging a problem would: every
     * logger the configuration does not pin logs at every level until {@link #close}.
     */
    LogCapture() {
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.ALL);
        pinProductLevels();
        System.setOut(tee(out));
        System.setErr(tee(err));
    }

    /** All captured text so far. */
    String text() {
        return text.toString();
    }

    /** Each secret found in the captured text (values shorter than 8 characters are not secrets and are skipped). */
    List<String> findValues(Collection<String> secrets) {
        String all = text();
        Set<String> found = new LinkedHashSet<>();
        for (String s : secrets) {
            if (s != null && s.length() >= 8 && all.contains(s)) {
                found.add(s.substring(0, 6) + "… (" + s.length() + " chars)");
            }
        }
        return List.copyOf(found);
    }

    /** Text of a secret shape, shortened. */
    List<String> findShapes() {
        String all = text();
        List<String> found = new ArrayList<>();
        for (Pattern p : SHAPES) {
            Matcher m = p.matcher(all);
            while (m.find()) {
                String hit = m.group();
                found.add(hit.substring(0, Math.min(24, hit.length())) + "…");
            }
        }
        return found;
    }

    private void pinProductLevels() {
        java.util.Properties config = new java.util.Properties();
        try (java.io.InputStream in = LogCapture.class.getResourceAsStream("/logging.properties")) {
            if (in == null) {
                throw new IllegalStateException("the server's logging.properties is not on the class path");
            }
            config.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (String key : config.stringPropertyNames()) {
            if (key.endsWith(".level") && !key.equals(".level")) {
                Logger logger = Logger.getLogger(key.substring(0, key.length() - ".level".length()));
                logger.setLevel(Level.parse(config.getProperty(key).trim()));
                pinned.add(logger);
            }
        }
    }

    @Override
    public void close() {
        pinned.forEach(l -> l.setLevel(null));
        root.removeHandler(handler);
        root.setLevel(rootLevel);
        System.setOut(out);
        System.setErr(err);
    }

    private PrintStream tee(PrintStream original) {
        return new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                original.write(b);
                line.write(b);
                if (b == '\n') {
                    text.append(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                }
            }
        }, true, StandardCharsets.UTF_8);
    }
}
