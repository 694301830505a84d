package io.timetravel.gui;

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

    /**
     * The failure to tell a view about: the cause inside the wrappers of {@code join()}, whose
     * own message would start with "java.util.concurrent.CompletionException:".
     */
    static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

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
                    onFailure.accept(cause(e));
                    return;
                }
                onSuccess.accept(result);
            }
        };
    }
}
