package io.timetravel.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose next request has begun to arrive but whose headers are not complete
 * within the deadline (a client sending them a byte at a time, or a request line and then
 * nothing). Jetty parses headers without holding a thread, so such a client costs only its
 * connection; this bounds how long it keeps it. Jetty's idle timeout cannot: every byte resets it.
 *
 * <p>A sweep looks at every open connection a few times per deadline. A connection is between
 * requests when every request it received has been answered; if bytes arrived since it got there,
 * a request is on its way, and its headers are late once that was first seen a deadline ago. The
 * connection is closed without an answer (no response may be in the middle of being written),
 * and the request log and metrics are told of a 408.
 */
final class HeaderDeadline extends AbstractLifeCycle implements Connection.Listener {

    /** What the sweep knows of one connection. */
    private static final class Watch {
        long requests;
        long responses;
        long bytesIn;
        long firstSeen;
    }

    private final Duration timeout;
    private final Scheduler scheduler;
    private final RequestObserver observer;
    private final long sweepNanos;
    private final Map<Connection, Watch> open = new ConcurrentHashMap<>();
    private volatile Scheduler.Task next;

    HeaderDeadline(Duration timeout, Scheduler scheduler, RequestObserver observer) {
        this.timeout = timeout;
        this.scheduler = scheduler;
        this.observer = observer;
        // A late request is noticed within a fifth of the deadline (at most a second) of it.
        this.sweepNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(20), Math.min(timeout.toNanos() / 5, TimeUnit.SECONDS.toNanos(1)));
    }

    @Override
    public void onOpened(Connection connection) {
        open.put(connection, new Watch());
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    protected void doStop() {
        Scheduler.Task task = next;
        if (task != null) {
            task.cancel();
        }
    }

    private void schedule() {
        if (isRunning() || isStarting()) {
            next = scheduler.schedule(this::sweep, sweepNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Closes the connections whose request headers are late, then plans the next sweep. */
    void sweep() {
        try {
            long now = System.nanoTime();
            open.forEach((connection, watch) -> {
                if (late(connection, watch, now)) {
                    open.remove(connection);
                    connection.close();
                    observer.observe("-", "-", "unmatched", "none", 408, now - watch.firstSeen,
                            "request headers not received within " + timeout.toSeconds() + " s; connection closed");
                }
            });
        } catch (RuntimeException e) {
            System.getLogger(HeaderDeadline.class.getName()).log(System.Logger.Level.ERROR, "header deadline sweep failed: " + e, e);
        } finally {
            schedule();
        }
    }

    private boolean late(Connection connection, Watch watch, long now) {
        long requests = connection.getMessagesIn();
        long responses = connection.getMessagesOut();
        long bytesIn = connection.getBytesIn();
        if (requests != watch.requests || responses != watch.responses) {
            // A request's headers arrived or an answer went out since the last look: start afresh.
            watch.requests = requests;
            watch.responses = responses;
            watch.bytesIn = bytesIn;
            watch.firstSeen = 0;
            return false;
        }
        if (requests > responses || bytesIn == watch.bytesIn) {
            // A request is being served (its body has its own deadline), or nothing has arrived.
            return false;
        }
        if (watch.firstSeen == 0) {
            watch.firstSeen = now;
            return false;
        }
        return now - watch.firstSeen >= timeout.toNanos();
    }
}
