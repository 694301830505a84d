package io.timetravel.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body written over time on a stream thread of its own (server-sent events), so that
 * a long-lived stream never holds one of the workers that answer ordinary requests.
 */
public interface StreamBody extends AutoCloseable {

    /**
     * Writes the stream until it ends. {@code out} sends what was written when flushed.
     *
     * @throws IOException when the client has gone away
     */
    void writeTo(OutputStream out) throws IOException, InterruptedException;

    /** Frees what the stream holds (its slot among the open streams); called exactly once, run or not. */
    @Override
    void close();
}
