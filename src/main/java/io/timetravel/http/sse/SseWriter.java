package io.timetravel.http.sse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the server-sent events wire format (text/event-stream, UTF-8): {@code id:},
 * {@code event:} and {@code data:} fields ended by a blank line, and comment lines.
 */
final class SseWriter {

    private final OutputStream out;
    private final StringBuilder text = new StringBuilder(1024);

    SseWriter(OutputStream out) {
        this.out = out;
    }

    /** Appends one event; it is sent on the next {@link #flush()}. */
    SseWriter event(long id, String type, CharSequence data) throws IOException {
        text.setLength(0);
        text.append("id: ").append(id).append('\n');
        text.append("event: ");
        appendLine(type);
        text.append('\n');
        // A line break inside data would end the field early; the format continues it on another
        // data line. Our JSON never holds one, but the writer must not depend on that.
        text.append("data: ");
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\n') {
                text.append("\ndata: ");
            } else if (c != '\r') {
                text.append(c);
            }
        }
        text.append("\n\n");
        write();
        return this;
    }

    /** A comment line, ignored by clients: keeps the connection in use and finds dead ones. */
    SseWriter comment(String comment) throws IOException {
        text.setLength(0);
        text.append(": ");
        appendLine(comment);
        text.append("\n\n");
        write();
        return this;
    }

    /** Tells clients how long to wait before reconnecting when the stream breaks. */
    SseWriter retry(long millis) throws IOException {
        text.setLength(0);
        text.append("retry: ").append(millis).append("\n\n");
        write();
        return this;
    }

    void flush() throws IOException {
        out.flush();
    }

    /** Appends a one-line value: line breaks would start a new field. */
    private void appendLine(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            text.append(c == '\n' || c == '\r' ? ' ' : c);
        }
    }

    private void write() throws IOException {
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
