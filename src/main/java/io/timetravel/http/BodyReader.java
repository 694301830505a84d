package io.timetravel.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request body without holding a thread while the client sends it (a demand callback
 * continues when more arrives), keeps at most a given number of bytes, drops the rest up to a
 * larger bound, and gives up at a deadline: a client sending one byte a second costs a
 * connection, not a worker.
 */
final class BodyReader implements Runnable {

    /** Why a body could not be taken. */
    enum Problem {
        /** Larger than the bytes kept: the rest was read and dropped, up to the discard bound. */
        TOO_LARGE,
        /** Broken framing (a bad chunk size, a missing last chunk) or the body ended before its Content-Length. */
        MALFORMED,
        /** Not complete within the deadline. */
        TIMED_OUT
    }

    /** Told once, on whichever thread finishes: the body (null unless it was taken whole) or the problem (null if none). */
    @FunctionalInterface
    interface Done {
        void accept(byte[] body, Problem problem);
    }

    private final Request request;
    private final long keep;
    private final long discard;
    private final boolean store;
    private final Done done;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final ByteArrayOutputStream kept;
    private long total;
    private volatile Scheduler.Task deadline;

    private BodyReader(Request request, long keep, long discard, boolean store, Done done) {
        this.request = request;
        this.keep = keep;
        this.discard = discard;
        this.store = store;
        this.done = done;
        long declared = request.getLength();
        this.kept = store ? new ByteArrayOutputStream(declared > 0 && declared <= keep ? (int) declared : 8192) : null;
    }

    /**
     * Starts reading {@code request}'s body; {@code done} is told when it is complete, larger than
     * {@code keep} (after dropping up to {@code discard} bytes, so that the answer reaches the
     * client rather than a reset), malformed, or not complete within {@code timeout}.
     */
    static void read(Request request, int keep, long discard, Scheduler scheduler, Duration timeout, Done done) {
        start(new BodyReader(request, keep, discard, true, done), scheduler, timeout);
    }

    /**
     * Reads and drops {@code request}'s body, up to {@code discard} bytes (beyond that: too large),
     * before an early answer; {@code done} is told with no body.
     */
    static void drop(Request request, long discard, Scheduler scheduler, Duration timeout, Done done) {
        start(new BodyReader(request, discard, discard, false, done), scheduler, timeout);
    }

    private static void start(BodyReader reader, Scheduler scheduler, Duration timeout) {
        reader.deadline = scheduler.schedule(() -> reader.finish(null, Problem.TIMED_OUT), timeout.toNanos(), TimeUnit.NANOSECONDS);
        reader.run();
    }

    /** Reads what has arrived; asks to be called again when more does. */
    @Override
    public void run() {
        try {
            while (!finished.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    finish(null, chunk.getFailure() instanceof TimeoutException ? Problem.TIMED_OUT : Problem.MALFORMED);
                    return;
                }
                boolean last = chunk.isLast();
                take(chunk.getByteBuffer());
                chunk.release();
                if (last) {
                    if (total > keep) {
                        finish(null, Problem.TOO_LARGE);
                    } else {
                        finish(store ? kept.toByteArray() : null, null);
                    }
                    return;
                }
                if (total > discard) {
                    finish(null, Problem.TOO_LARGE);
                    return;
                }
            }
        } catch (RuntimeException e) {
            // Jetty refuses to read once the connection is broken: the body never arrived whole.
            finish(null, Problem.MALFORMED);
        }
    }

    private void take(ByteBuffer buffer) {
        int length = buffer.remaining();
        if (store && total + length <= keep) {
            if (buffer.hasArray()) {
                kept.write(buffer.array(), buffer.arrayOffset() + buffer.position(), length);
            } else {
                byte[] copy = new byte[length];
                buffer.get(copy);
                kept.write(copy, 0, length);
            }
        }
        total += length;
    }

    private void finish(byte[] body, Problem problem) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        Scheduler.Task task = deadline;
        if (task != null) {
            task.cancel();
        }
        done.accept(body, problem);
    }
}
