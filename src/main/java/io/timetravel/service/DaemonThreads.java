package io.timetravel.service;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the program starts for itself: daemons, so that none keeps the JVM alive after
 * the main thread and the window are gone (closing is each owner's job), and named, so that a
 * thread dump says whose each one is.
 */
public final class DaemonThreads {

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
}
