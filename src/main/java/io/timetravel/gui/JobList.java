package io.timetravel.gui;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A list of background jobs (snapshots, recalculations) read in the background: again on demand,
 * and on every {@link #poll} while one of them runs; the selected job stays selected (by id)
 * across reads, and a job just started here is selected once a read lists it, and its end told
 * once a read lists it ended. A read answered after a newer one was asked for is dropped.
 *
 * @param <R> a job's row
 */
public final class JobList<R> {

    private final LatestOnly reads;
    private final Supplier<List<R>> read;
    private final ToLongFunction<R> id;
    private final Predicate<R> runs;
    private final Consumer<List<R>> listed;
    private final Consumer<Throwable> failed;
    private final ObservableList<R> rows = FXCollections.observableArrayList();
    private final ObjectProperty<R> selected = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private boolean polling;
    /** The job just started, to select once a read lists it. */
    private Long selectWhenListed;
    /** The job started here last, whose end is told to {@link #whenEnded} once a read lists it ended. */
    private Long watched;
    private Consumer<R> whenEnded;

    /**
     * @param read   the jobs, newest first (run in the background)
     * @param runs   whether a job still runs
     * @param listed told each list read, after the rows and the selection are set
     * @param failed told why a read failed
     */
    public JobList(BackgroundTasks tasks, Supplier<List<R>> read, ToLongFunction<R> id, Predicate<R> runs,
                   Consumer<List<R>> listed, Consumer<Throwable> failed) {
        this.reads = new LatestOnly(tasks);
        this.read = read;
        this.id = id;
        this.runs = runs;
        this.listed = listed;
        this.failed = failed;
    }

    /** Reads the list again; the selection is kept. */
    public void reload() {
        loading.set(true);
        reads.run(read, this::show, failure -> {
            loading.set(false);
            polling = false;
            failed.accept(failure);
        });
    }

    private void show(List<R> loaded) {
        loading.set(false);
        polling = false;
        Long keep = selectWhenListed != null ? selectWhenListed : selected.get() == null ? null : id.applyAsLong(selected.get());
        selectWhenListed = null;
        rows.setAll(loaded);
        selected.set(keep == null ? null : loaded.stream().filter(row -> id.applyAsLong(row) == keep).findFirst().orElse(null));
        running.set(loaded.stream().anyMatch(runs));
        tellEnd(loaded);
        listed.accept(loaded);
    }

    private void tellEnd(List<R> loaded) {
        R row = watched == null ? null : loaded.stream().filter(r -> id.applyAsLong(r) == watched).findFirst().orElse(null);
        if (row == null || runs.test(row)) {
            return;
        }
        watched = null;
        whenEnded.accept(row);
    }

    /** Called every half second by the view while a job runs: reloads unless a read is still on its way. */
    public void poll() {
        if (running.get() && !polling) {
            polling = true;
            reload();
        }
    }

    /**
     * For the job {@code jobId} just started here: selects it once a read lists it, and gives
     * {@code ended} its row once a read lists it ended (before {@code listed} hears that read).
     */
    public void started(long jobId, Consumer<R> ended) {
        selectWhenListed = jobId;
        watched = jobId;
        whenEnded = ended;
    }

    /** The jobs, newest first. */
    public ObservableList<R> rows() {
        return rows;
    }

    public ObjectProperty<R> selectedProperty() {
        return selected;
    }

    /** Whether a job runs: the view then calls {@link #poll} every half second. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
