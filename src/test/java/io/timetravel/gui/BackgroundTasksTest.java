package io.timetravel.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.timetravel.service.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Failures reach view models as their cause, so a dialog says "record 7 not found", not a Java wrapper. */
class BackgroundTasksTest {

    @Test
    void aFailureInsideJoinReachesTheViewModelUnwrapped() {
        List<Throwable> failures = new ArrayList<>();

        BackgroundTasks.inline().run(() -> CompletableFuture.failedFuture(new NotFoundException("record 7 not found")).join(),
                value -> { }, failures::add);

        assertEquals(NotFoundException.class, failures.get(0).getClass());
        assertEquals("record 7 not found", failures.get(0).getMessage());
    }

    @Test
    void workAskedForWhileTheWindowClosesIsDroppedNotThrown() {
        // A commit heard on another thread can ask for a reload just as the window closes: the
        // pool is not shut down yet when asked, and refuses the task a moment later. That once
        // reached TestFX as a RejectedExecutionException from a closed workbench.
        List<Runnable> refused = new ArrayList<>();
        ExecutorService closing = new AbstractExecutorService() {
            @Override
            public void execute(Runnable command) {
                refused.add(command);
                throw new RejectedExecutionException("shutting down");
            }

            @Override
            public boolean isShutdown() {
                return false;
            }

            @Override
            public void shutdown() {
            }

            @Override
            public List<Runnable> shutdownNow() {
                return List.of();
            }

            @Override
            public boolean isTerminated() {
                return false;
            }

            @Override
            public boolean awaitTermination(long timeout, TimeUnit unit) {
                return true;
            }
        };
        List<Object> heard = new ArrayList<>();

        new FxBackgroundTasks(closing).run(() -> 1, heard::add, heard::add);

        assertEquals(1, refused.size(), "the task was offered to the pool");
        assertEquals(List.of(), heard, "and dropped: nobody is left to show its result to");
    }
}
