package io.timetravel.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Bounds the memory large request bodies take at once. A body is held in memory while it is read,
 * parsed and written (the writer turns a 1 MB body into several MB of canonical text, patches and
 * hashes), and a write waits for its batch's commit: fifty clients each sending a 900 KB record
 * ran a 128 MB server out of heap, and every write of the failed batches with it.
 *
 * <p>Bodies up to {@link #SMALL_BYTES} are not counted (a small write is never kept waiting by
 * large ones). A larger body is read only once its length (the largest body, when the length is
 * not declared) fits in what is left of the budget; until then it waits, unread, in the client's
 * connection, in arrival order, for at most the given time, and is then refused with 429 and a
 * {@code Retry-After}. The budget is a sixteenth of the heap, and never less than the largest body.
 */
final class BodyBudget {

    /** Bodies up to this size are not counted. */
    static final long SMALL_BYTES = 64 * 1024;
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);

    /** Told when a body may be read, or that it waited too long. */
    interface Admission {
        void admitted();

        void refused();
    }

    private record Waiter(long weight, Admission admission) {
    }

    private final long capacity;
    private final Scheduler scheduler;
    private final Duration maxWait;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private long available;

    BodyBudget(long capacity, Scheduler scheduler, Duration maxWait) {
        this.capacity = capacity;
        this.available = capacity;
        this.scheduler = scheduler;
        this.maxWait = maxWait;
    }

    /** How long a large body waits for room at most: 10 s, or half the idle timeout when that is shorter. */
    static Duration longestWait(Duration idleTimeout) {
        Duration half = idleTimeout.dividedBy(2);
        return half.compareTo(MAX_WAIT) < 0 ? half : MAX_WAIT;
    }

    /** A sixteenth of the heap, at least {@code largestBody}. */
    static long forHeap(long largestBody) {
        return Math.max(largestBody, Runtime.getRuntime().maxMemory() / 16);
    }

    /** What a body counts for: nothing when small, else its declared length, or {@code largestBody} when undeclared. */
    static long weight(long declaredLength, long largestBody) {
        if (declaredLength < 0) {
            return largestBody;
        }
        return declaredLength <= SMALL_BYTES ? 0 : Math.min(declaredLength, largestBody);
    }

    /**
     * Calls {@code admission.admitted()} once {@code weight} bytes are taken from the budget (at
     * once when they are free and nobody waits before), or {@code admission.refused()} after the
     * longest wait. Either is called exactly once, without a lock held.
     */
    void admit(long weight, Admission admission) {
        if (weight == 0) {
            admission.admitted();
            return;
        }
        Waiter waiter = new Waiter(Math.min(weight, capacity), admission);
        boolean now;
        synchronized (this) {
            now = waiting.isEmpty() && available >= waiter.weight;
            if (now) {
                available -= waiter.weight;
            } else {
                waiting.add(waiter);
            }
        }
        if (now) {
            admission.admitted();
            return;
        }
        scheduler.schedule(() -> expire(waiter), maxWait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Gives back what an admitted body took, and admits the waiting bodies that now fit, in order. */
    void release(long weight) {
        if (weight == 0) {
            return;
        }
        ArrayDeque<Waiter> admitted;
        synchronized (this) {
            available = Math.min(capacity, available + Math.min(weight, capacity));
            admitted = takeFitting();
        }
        admitted.forEach(waiter -> waiter.admission.admitted());
    }

    private void expire(Waiter waiter) {
        boolean removed = false;
        ArrayDeque<Waiter> admitted;
        synchronized (this) {
            for (Iterator<Waiter> it = waiting.iterator(); it.hasNext(); ) {
                if (it.next() == waiter) {
                    it.remove();
                    removed = true;
                    break;
                }
            }
            // The ones behind a body that gave up may fit now.
            admitted = takeFitting();
        }
        if (removed) {
            waiter.admission.refused();
        }
        admitted.forEach(next -> next.admission.admitted());
    }

    /** Takes the waiting bodies that fit, from the first; stops at the first that does not. */
    private ArrayDeque<Waiter> takeFitting() {
        ArrayDeque<Waiter> admitted = new ArrayDeque<>();
        while (!waiting.isEmpty() && waiting.peek().weight <= available) {
            Waiter next = waiting.poll();
            available -= next.weight;
            admitted.add(next);
        }
        return admitted;
    }

    /** The answer to a body that waited too long. */
    ApiResponse refusal() {
        return ApiResponse.error(429, "too many large request bodies at once (" + capacity / (1024 * 1024)
                + " MB in progress); retry shortly").header("Retry-After", "1");
    }
}
