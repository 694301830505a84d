package io.timetravel.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
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
}
