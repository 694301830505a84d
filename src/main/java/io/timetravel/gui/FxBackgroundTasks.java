package io.timetravel.gui;

import io.timetravel.service.DaemonThreads;
import io.timetravel.service.ServiceException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;

/** {@link BackgroundTasks} on a small pool of daemon threads, results via {@link Platform#runLater}. */
public final class FxBackgroundTasks implements BackgroundTasks, AutoCloseable {

    private final ExecutorService executor;

    public FxBackgroundTasks() {
        this(pool());
    }

    /** Tasks on {@code executor} (tests give one that refuses work as a closing pool does). */
    FxBackgroundTasks(ExecutorService executor) {
        this.executor = executor;
    }

    private static ExecutorService pool() {
        return Executors.newFixedThreadPool(4, DaemonThreads.numbered("workbench-io-"));
    }

    @Override
    public <T> void run(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        try {
            executor.execute(() -> {
                try {
                    T result = work.get();
                    Platform.runLater(() -> onSuccess.accept(result));
                } catch (RuntimeException e) {
                    Platform.runLater(() -> onFailure.accept(ServiceException.cause(e)));
                }
            });
        } catch (RejectedExecutionException closed) {
            // The window closed (or is closing: a commit heard on another thread as it closed, a
            // late timer): nobody is left to show the result to.
        }
    }

    @Override
    public void ui(Runnable update) {
        Platform.runLater(update);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
