package io.mcpplatform.server.logging;

import io.helidon.logging.common.HelidonMdc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per line: {@code ts}, {@code level}, {@code logger}, {@code thread}, {@code message}, and when known
 * {@code request_id}, {@code tenant}, {@code user_oid}, {@code exception} (class, message and stack). Use in
 * {@code logging.properties} as {@code java.util.logging.ConsoleHandler.formatter} or through
 * {@link LogFormats#install}.
 */
public final class JsonLogFormatter extends Formatter {
    private static final JsonFactory JSON = new JsonFactory();
    private static final List<String> CONTEXT = List.of(RequestContext.REQUEST_ID, RequestContext.TENANT,
            RequestContext.USER_OID);

    @Override
    public String format(LogRecord record) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("ts", Instant.ofEpochMilli(record.getMillis()).toString());
            json.writeStringField("level", record.getLevel().getName());
            json.writeStringField("logger", record.getLoggerName());
            json.writeStringField("thread", Thread.currentThread().getName());
            json.writeStringField("message", formatMessage(record));
            for (String key : CONTEXT) {
                String value = HelidonMdc.get(key).orElse(null);
                if (value != null) {
                    json.writeStringField(key, value);
                }
            }
            if (record.getThrown() != null) {
                StringWriter stack = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(stack));
                json.writeStringField("exception", stack.toString());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append(System.lineSeparator()).toString();
    }
}
