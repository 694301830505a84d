package io.timetravel.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.timetravel.service.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
}
