package io.timetravel.gui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@link BackgroundTasks} that hold every task until the test runs it, in any order: to show
 * that a view model drops answers that arrive after a newer request.
 */
public final class DeferredTasks implements BackgroundTasks {

    private final List<Runnable> queued = new ArrayList<>();

    @Override
    public <T> void run(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        queued.add(() -> BackgroundTasks.inline().run(work, onSuccess, onFailure));
    }

    @Override
    public void ui(Runnable update) {
        update.run();
    }

    /** Tasks waiting to run. */
    public int pending() {
        return queued.size();
    }

    /** Runs the task queued at {@code index} (0 = the oldest waiting). */
    public void run(int index) {
        queued.remove(index).run();
    }

    /** Runs the newest waiting task. */
    public void runNewest() {
        run(queued.size() - 1);
    }

    /** Runs tasks, including those they queue, until none waits. */
    public void runAll() {
        while (!queued.isEmpty()) {
            run(0);
        }
    }
}
