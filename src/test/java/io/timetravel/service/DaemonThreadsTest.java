package io.timetravel.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    @Test
    void factoriesMakeDaemonsNamedOnceOrNumbered() {
        Runnable nothing = () -> { };
        Thread single = DaemonThreads.named("flag-refresh").newThread(nothing);
        assertEquals("flag-refresh", single.getName());
        assertTrue(single.isDaemon());
        assertFalse(single.isAlive(), "a factory makes threads, the executor starts them");

        ThreadFactory pool = DaemonThreads.numbered("stream-");
        assertEquals("stream-1", pool.newThread(nothing).getName());
        Thread second = pool.newThread(nothing);
        assertEquals("stream-2", second.getName());
        assertTrue(second.isDaemon());
        assertEquals("stream-1", DaemonThreads.numbered("stream-").newThread(nothing).getName(), "each pool counts its own");
    }

    @Test
    void startRunsTheWorkOnADaemonOfItsOwn() throws Exception {
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        Thread started = DaemonThreads.start("log-writer", () -> ranOn.complete(Thread.currentThread()));

        assertEquals(started, ranOn.get(60, TimeUnit.SECONDS));
        assertEquals("log-writer", started.getName());
        assertTrue(started.isDaemon());
    }

    @Test
    void awaitStopSaysWhetherTheThreadsEndedAndLogsThoseThatDidNot() throws Exception {
        ExecutorService quick = Executors.newSingleThreadExecutor(DaemonThreads.named("quick"));
        quick.submit(() -> { });
        quick.shutdown();
        assertTrue(DaemonThreads.awaitStop(quick, Duration.ofSeconds(60), "quick work"));

        // A job that ignores interrupts and waits for the test: it cannot end within the wait.
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        ExecutorService stubborn = Executors.newSingleThreadExecutor(DaemonThreads.named("stubborn"));
        stubborn.submit(() -> {
            running.countDown();
            while (true) {
                try {
                    release.await();
                    return;
                } catch (InterruptedException ignored) {
                    // keeps waiting, as a job stuck in I/O would
                }
            }
        });
        assertTrue(running.await(60, TimeUnit.SECONDS));
        stubborn.shutdownNow();
        reportedUntilReleased(release, wait -> DaemonThreads.awaitStop(stubborn, wait, "snapshot job"),
                "snapshot job did not stop within 50 ms");
    }

    @Test
    void awaitStopOnAThreadSaysWhetherItEndedAndLogsItWhenNot() throws Exception {
        Thread ended = DaemonThreads.start("ended", () -> { });
        assertTrue(DaemonThreads.awaitStop(ended, Duration.ofSeconds(60), "ended work"));

        CountDownLatch release = new CountDownLatch(1);
        Thread waiting = DaemonThreads.start("waiting", () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        reportedUntilReleased(release, wait -> DaemonThreads.awaitStop(waiting, wait, "the store's writer"),
                "the store's writer did not stop within 50 ms");
    }

    @Test
    void anInterruptedAwaitStopKeepsTheInterruptForItsCaller() {
        ExecutorService idle = Executors.newSingleThreadExecutor(DaemonThreads.named("idle"));
        idle.submit(() -> { });
        Thread.currentThread().interrupt();
        try {
            assertFalse(DaemonThreads.awaitStop(idle, Duration.ofSeconds(60), "idle work"), "not shut down, so not ended");
            assertTrue(Thread.interrupted(), "the interrupt is kept (and cleared here)");
        } finally {
            Thread.interrupted();
            idle.shutdownNow();
        }
    }

    /** A wait of 50 ms on work held by {@code release} fails and logs {@code message}; once released, it ends. */
    private static void reportedUntilReleased(CountDownLatch release, Predicate<Duration> awaitStop, String message) {
        try (LogCapture log = new LogCapture()) {
            assertFalse(awaitStop.test(Duration.ofMillis(50)));
            assertEquals(List.of(message), messages(log));
        } finally {
            release.countDown();
        }
        assertTrue(awaitStop.test(Duration.ofSeconds(60)), "it ends once released");
    }

    private static List<String> messages(LogCapture log) {
        return log.records().stream().filter(r -> r.getLoggerName().equals(DaemonThreads.class.getName()))
                .map(LogRecord::getMessage).toList();
    }
}
