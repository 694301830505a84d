package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.testing.Wait;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Large bodies are read only while they fit in the budget, in arrival order; small ones never wait. */
class BodyBudgetTest {

    private static final long MB = 1024 * 1024;
    private static final Duration NEVER = Duration.ofHours(1);

    private final ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("budget-test", true);
    private final List<String> told = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        scheduler.start();
    }

    @AfterEach
    void stop() throws Exception {
        scheduler.stop();
    }

    private BodyBudget.Admission named(String name) {
        return new BodyBudget.Admission() {
            @Override
            public void admitted() {
                told.add(name + " admitted");
            }

            @Override
            public void refused() {
                told.add(name + " refused");
            }
        };
    }

    @Test
    void aBodyCountsForItsLengthTheLargestWhenUndeclaredAndNothingWhenSmall() {
        assertEquals(0, BodyBudget.weight(30, MB));
        assertEquals(0, BodyBudget.weight(BodyBudget.SMALL_BYTES, MB));
        assertEquals(BodyBudget.SMALL_BYTES + 1, BodyBudget.weight(BodyBudget.SMALL_BYTES + 1, MB));
        assertEquals(MB, BodyBudget.weight(-1, MB), "chunked: its length is not known before it is read");
        assertEquals(MB, BodyBudget.weight(5 * MB, MB), "a body over the limit is refused with 413 after reading the limit");
        assertTrue(BodyBudget.forHeap(MB) >= MB);
        assertEquals(Duration.ofSeconds(10), BodyBudget.longestWait(Duration.ofSeconds(30)));
        assertEquals(Duration.ofSeconds(2), BodyBudget.longestWait(Duration.ofSeconds(4)));
    }

    @Test
    void largeBodiesWaitForRoomInArrivalOrderAndSmallOnesNeverWait() {
        BodyBudget budget = new BodyBudget(2 * MB, scheduler, NEVER);
        budget.admit(MB, named("a"));
        budget.admit(MB, named("b"));
        budget.admit(MB, named("c"));
        budget.admit(MB / 2, named("d")); // would fit after c, but does not pass it
        budget.admit(0, named("small"));
        assertEquals(List.of("a admitted", "b admitted", "small admitted"), told);

        budget.release(MB); // a is done
        assertEquals(List.of("a admitted", "b admitted", "small admitted", "c admitted"), told);
        budget.release(MB); // b is done: d fits now
        assertEquals("d admitted", told.get(told.size() - 1));
        budget.release(MB);
        budget.release(MB / 2);
        budget.admit(2 * MB, named("e"));
        assertEquals("e admitted", told.get(told.size() - 1), "everything given back: the whole budget is free");
    }

    @Test
    void aBodyThatWaitsTooLongIsRefusedOnceAndTheOnesBehindItMoveOn() {
        BodyBudget budget = new BodyBudget(2 * MB, scheduler, Duration.ofMillis(200));
        budget.admit(MB + MB / 2, named("a"));
        budget.admit(MB, named("b"));
        budget.admit(MB / 4, named("c")); // fits, but waits behind b; b's wait ends first
        Wait.until(Duration.ofSeconds(30), () -> told.size() == 3, told::toString);
        assertEquals(List.of("a admitted", "b refused", "c admitted"), told);

        budget.release(MB + MB / 2);
        budget.release(MB / 4);
        budget.admit(2 * MB, named("d"));
        assertEquals(List.of("a admitted", "b refused", "c admitted", "d admitted"), told, "b took nothing with it");

        ApiResponse refusal = budget.refusal();
        assertEquals(429, refusal.status());
        assertEquals("1", refusal.headers().get("Retry-After"));
    }
}
