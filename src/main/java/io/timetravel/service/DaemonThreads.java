package io.timetravel.service;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the program starts for itself: daemons, so that none keeps the JVM alive after
 * the main thread and the window are gone (closing is each owner's job), and named, so that a
 * thread dump says whose each one is; and the one wait for an owner's threads, daemons or not,
 * when it closes.
 */
public final class DaemonThreads {

    private static final System.Logger LOG = System.getLogger(DaemonThreads.class.getName());

    private DaemonThreads() {
    }

    /** Makes daemon threads all called {@code name}: for an executor of one thread. */
    public static ThreadFactory named(String name) {
        return work -> thread(name, work);
    }

    /** Makes daemon threads called {@code prefix1}, {@code prefix2}, ...: for a pool. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return work -> thread(prefix + count.incrementAndGet(), work);
    }

    /** Starts {@code work} on a daemon thread of its own called {@code name}. */
    public static Thread start(String name, Runnable work) {
        Thread thread = thread(name, work);
        thread.start();
        return thread;
    }

    private static Thread thread(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Waits up to {@code wait} for an executor its owner has shut down to finish, and says in the
     * log when it did not: the one way an owner waits for its threads when it closes.
     * An interrupted wait keeps the interrupt for the caller.
     *
     * @param what the threads, for the log, e.g. "snapshot job"
     * @return whether every thread of the executor has ended
     */
    public static boolean awaitStop(ExecutorService executor, Duration wait, String what) {
        try {
            if (executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        logNotStopped(what, wait);
        return false;
    }

    /** The same for a thread its owner has told to end: whether it ended within {@code wait}. */
    public static boolean awaitStop(Thread thread, Duration wait, String what) {
        try {
            thread.join(Math.max(1, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (!thread.isAlive()) {
            return true;
        }
        logNotStopped(what, wait);
        return false;
    }

    private static void logNotStopped(String what, Duration wait) {
        String within = wait.toMillis() % 1_000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
        LOG.log(System.Logger.Level.WARNING, what + " did not stop within " + within);
    }
}
