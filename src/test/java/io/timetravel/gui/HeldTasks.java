package io.timetravel.gui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@link BackgroundTasks} for tests that decide when each task finishes: tasks wait until the
 * test completes them, in any order, on the calling thread (standing in for the FX thread).
 */
public final class HeldTasks implements BackgroundTasks {

    private final List<Runnable> pending = new ArrayList<>();

    @Override
    public <T> void run(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        pending.add(() -> {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                onFailure.accept(e);
                return;
            }
            onSuccess.accept(result);
        });
    }

    /** How many tasks wait. */
    public int pending() {
        return pending.size();
    }

    /** Runs the task started {@code index}-th among those waiting, and delivers its result. */
    public void complete(int index) {
        pending.remove(index).run();
    }

    /** Completes the oldest waiting task. */
    public void completeNext() {
        complete(0);
    }

    /** Completes tasks, oldest first, until none waits (tasks started meanwhile included). */
    public void completeAll() {
        while (!pending.isEmpty()) {
            complete(0);
        }
    }
}
