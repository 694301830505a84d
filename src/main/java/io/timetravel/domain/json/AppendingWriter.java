package io.timetravel.domain.json;

import java.io.Writer;

/**
 * A {@link Writer} onto a {@link StringBuilder}: unsynchronised, unlike {@code StringWriter},
 * and without the lock per call of an {@code OutputStreamWriter}, which made the metrics text
 * (written a character at a time for label values) take twice as long. Writing never fails.
 */
public final class AppendingWriter extends Writer {

    private final StringBuilder out;

    public AppendingWriter(StringBuilder out) {
        this.out = out;
    }

    @Override
    public void write(int c) {
        out.append((char) c);
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        out.append(chars, offset, length);
    }

    @Override
    public void write(String text) {
        out.append(text);
    }

    @Override
    public void write(String text, int offset, int length) {
        out.append(text, offset, offset + length);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
