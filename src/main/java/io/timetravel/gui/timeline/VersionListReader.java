package io.timetravel.gui.timeline;

import io.timetravel.domain.Page;
import io.timetravel.domain.VersionInfo;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.LatestOnly;
import io.timetravel.service.RecordService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;

/**
 * Reads a record's version list for the timeline through {@link BackgroundTasks}, page by page,
 * with the progress of a fresh read; a newer read (or {@link #reset}) makes the answers of an
 * older one stale, and they are dropped.
 */
final class VersionListReader {

    /** Where the whole list goes: {@code fresh} when it was read from the start, else grown by the newer versions. */
    interface Listed {
        void listed(List<VersionInfo> loaded, boolean fresh);
    }

    /** Where a fresh read's progress goes: {@code loaded} of {@code total} versions. */
    interface Progress {
        void progress(int loaded, long total);
    }

    private final RecordService records;
    private final LatestOnly reads;
    private final int pageSize;
    private final Listed listed;
    private final Progress progressed;
    private final Consumer<Throwable> failed;
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);

    private boolean inFlight;
    /** The list as last handed on; newer versions are read after it. */
    private List<VersionInfo> known = List.of();
    /** Versions were added while a read was on its way: read them once it is in. */
    private boolean readAgain;

    VersionListReader(RecordService records, BackgroundTasks tasks, int pageSize, Listed listed, Progress progressed,
                      Consumer<Throwable> failed) {
        this.records = records;
        this.reads = new LatestOnly(tasks);
        this.pageSize = pageSize;
        this.listed = listed;
        this.progressed = progressed;
        this.failed = failed;
    }

    /** Drops the answers on their way; with {@code fresh}, a whole list is about to be read ({@link #readAll}). */
    void reset(boolean fresh) {
        reads.supersede();
        known = List.of();
        readAgain = false;
        inFlight = fresh;
        loading.set(fresh);
    }

    /** Reads the whole list of record {@code id}, showing progress. */
    void readAll(long id) {
        progress.set(-1);
        fetch(id, new ArrayList<>(), true);
    }

    /**
     * Reads the versions of record {@code id} added since the list was handed on (versions are
     * only ever appended); while a read is on its way, once it is in.
     */
    void readNewer(long id) {
        if (inFlight) {
            readAgain = true;
            return;
        }
        reads.supersede();
        fetch(id, new ArrayList<>(known), false);
    }

    /** Whether a read is on its way. */
    boolean reading() {
        return inFlight;
    }

    /** Reads the version list page by page from {@code loaded.size()}, showing progress, then hands it on. */
    private void fetch(long id, List<VersionInfo> loaded, boolean fresh) {
        inFlight = true;
        int offset = loaded.size();
        reads.more(() -> records.versions(id, pageSize, offset), (Page<VersionInfo> page) -> {
            loaded.addAll(page.items());
            if (fresh && page.total() > 0) {
                progress.set(Math.min(1.0, loaded.size() / (double) page.total()));
                progressed.progress(loaded.size(), page.total());
            }
            if (!page.items().isEmpty() && loaded.size() < page.total()) {
                fetch(id, loaded, fresh);
            } else {
                inFlight = false;
                loading.set(false);
                known = loaded;
                listed.listed(loaded, fresh);
                if (readAgain) {
                    readAgain = false;
                    readNewer(id); // changes that came in while this list was read
                }
            }
        }, failure -> {
            inFlight = false;
            loading.set(false);
            failed.accept(failure);
        });
    }

    /** Whether a fresh list is being read (the view shows its progress instead of the slider). */
    ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** How much of the version list is read, 0..1, or -1 while unknown. */
    ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }
}
