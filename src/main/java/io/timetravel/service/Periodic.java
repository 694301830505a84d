package io.timetravel.service;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Work done every interval on a daemon thread of its own, and once more when closed: the
 * schedule of work done on nobody's behalf (copying metrics, logging ledger digests). The work
 * ({@link #runOnce}) must not throw; it reports its own failures.
 */
public abstract class Periodic implements AutoCloseable {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final String threadName;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private boolean started;
    private boolean closed;

    /**
     * @param what names the interval in the refusal of a non-positive one, e.g. "metrics"
     */
    Periodic(String threadName, String what, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the " + what + " interval must be positive, not " + interval);
        }
        this.threadName = threadName;
        this.interval = interval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(threadName));
    }

    /** One turn of the work; it must not throw. */
    protected abstract void runOnce();

    public final Duration interval() {
        return interval;
    }

    /** Starts the runs; the first comes after one interval. */
    public final synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        long millis = Math.max(1, interval.toMillis());
        scheduler.scheduleWithFixedDelay(this::runOnce, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Stops the runs, waiting for one under way, and does the work one last time. */
    @Override
    public final void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        scheduler.shutdown();
        if (!DaemonThreads.awaitStop(scheduler, CLOSE_WAIT, threadName)) {
            scheduler.shutdownNow();
        }
        runOnce();
    }
}
