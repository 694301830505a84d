package io.timetravel.gui;

import io.timetravel.service.ServiceException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs work off the JavaFX thread and delivers the result back on it. View models use this,
 * never threads of their own, so tests can run them with {@link #inline()}.
 */
public interface BackgroundTasks {

    /** Runs {@code work} in the background; then {@code onSuccess} or {@code onFailure} on the UI thread. */
    <T> void run(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Runs {@code update} on the UI thread (e.g. progress reported from background work). */
    void ui(Runnable update);

    /** Runs everything at once on the calling thread: for tests. */
    static BackgroundTasks inline() {
        return new BackgroundTasks() {
            @Override
            public void ui(Runnable update) {
                update.run();
            }

            @Override
            public <T> void run(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
                T result;
                try {
                    result = work.get();
                } catch (RuntimeException e) {
                    onFailure.accept(ServiceException.cause(e));
                    return;
                }
                onSuccess.accept(result);
            }
        };
    }
}
