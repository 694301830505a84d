package io.timetravel.gui;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Background reads of which only the newest counts. Each {@link #run} supersedes whatever a view
 * model asked before: the answer or failure of a superseded read is dropped, so a slow answer to
 * an old filter, record or page never overwrites what a newer one shows. Work that goes on with
 * the newest read (its next page, its position) runs with {@link #more} and is dropped alike once
 * a newer read starts.
 *
 * <p>Used on the JavaFX thread only, like the view model that owns it; the callbacks arrive there.
 */
public final class LatestOnly {

    private final BackgroundTasks tasks;
    private long newest;

    public LatestOnly(BackgroundTasks tasks) {
        this.tasks = tasks;
    }

    /** Starts {@code work} in the background, superseding every read started before it. */
    public <T> void run(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        supersede();
        more(work, onSuccess, onFailure);
    }

    /** Runs {@code work} as part of the newest read: delivered only while no newer read has started. */
    public <T> void more(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        long asked = newest;
        tasks.run(work, result -> {
            if (asked == newest) {
                onSuccess.accept(result);
            }
        }, failure -> {
            if (asked == newest) {
                onFailure.accept(failure);
            }
        });
    }

    /** Drops whatever runs, without starting anything (the view now shows something else). */
    public void supersede() {
        newest++;
    }
}
