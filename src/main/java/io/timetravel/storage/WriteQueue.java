package io.timetravel.storage;

import io.timetravel.service.StoreUnavailableException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The writer's bounded queue: any thread submits units of work, the writer thread takes them in
 * batches. Once closed it refuses new work, and the writer empties what is left.
 */
final class WriteQueue {

    /** Not work: tells a waiting writer to look at {@link #accepting} again (see {@link #close()}). */
    private static final Pending<Void> WAKE = new Pending<>(session -> null, new CompletableFuture<>());

    private final BlockingQueue<Pending<?>> queue = new ArrayBlockingQueue<>(SingleWriter.QUEUE_CAPACITY);
    private volatile boolean accepting = true;

    /** Queues work; the future completes after its batch commits, or fails with the work's exception. */
    <T> CompletableFuture<T> submit(SingleWriter.Job<T> job) {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (!accepting) {
            future.completeExceptionally(new StoreUnavailableException("the store is shutting down"));
        } else if (!queue.offer(new Pending<>(job, future))) {
            future.completeExceptionally(new StoreUnavailableException("too many writes waiting; retry shortly"));
        }
        return future;
    }

    /** Whether the writer goes on: the queue still accepts work, or work is still waiting. */
    boolean open() {
        return accepting || !queue.isEmpty();
    }

    /**
     * Waits up to 200 ms for work, then adds it and everything else waiting (at most {@code max}
     * units in all) to {@code batch}; answers whether there was any.
     */
    boolean takeInto(List<Pending<?>> batch, int max) throws InterruptedException {
        Pending<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null || first == WAKE) {
            return false;
        }
        batch.add(first);
        queue.drainTo(batch, max - 1);
        batch.remove(WAKE);
        return true;
    }

    /** Refuses new work from now on. */
    void close() {
        accepting = false;
        // Wakes the writer at once instead of at its next poll (up to 200 ms later); with the
        // queue full it finds out at that poll.
        queue.offer(WAKE);
    }

    /** A queued unit of work and its outcome. */
    static final class Pending<T> {
        final SingleWriter.Job<T> job;
        final CompletableFuture<T> future;
        T result;
        Exception failure;
        /** Runs that lost a conflict with another server (PostgreSQL). */
        int attempts;

        Pending(SingleWriter.Job<T> job, CompletableFuture<T> future) {
            this.job = job;
            this.future = future;
        }

        void run(WriterSession session) {
            result = job.run(session);
        }

        void complete() {
            if (failure != null) {
                future.completeExceptionally(failure);
            } else {
                future.complete(result);
            }
        }
    }
}
