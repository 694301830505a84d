package io.timetravel.gui.records;

import io.timetravel.domain.Page;
import io.timetravel.domain.RecordSummary;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.Messages;
import io.timetravel.service.RecordQuery;
import io.timetravel.service.RecordService;
import java.time.ZoneId;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The record list: search text, region filter, the matching rows and a line about them. */
public final class RecordsViewModel {

    /** Rows loaded at most per search; the summary line says when there are more. */
    static final int PAGE_SIZE = 1000;

    private final RecordService records;
    private final BackgroundTasks tasks;
    private final ZoneId zone;
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<String> region = new SimpleObjectProperty<>();
    private final ObservableList<String> regions = FXCollections.observableArrayList();
    private final ObservableList<RecordRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private long generation;

    public RecordsViewModel(RecordService records, BackgroundTasks tasks, ZoneId zone) {
        this.records = records;
        this.tasks = tasks;
        this.zone = zone;
    }

    /** The row of a record id in the current list, if shown. */
    public java.util.Optional<RecordRow> row(long id) {
        return rows.stream().filter(row -> row.id() == id).findFirst();
    }

    /** Loads the rows for the current search and filter; an older load still running is ignored. */
    public void refresh() {
        long current = ++generation;
        RecordQuery query = new RecordQuery(search.get(), region.get(), PAGE_SIZE, 0);
        loading.set(true);
        tasks.run(() -> records.list(query), page -> {
            if (current == generation) {
                show(page);
            }
        }, failure -> {
            if (current == generation) {
                loading.set(false);
                summary.set(Messages.get("records.loadFailed", failure.getMessage()));
            }
        });
        tasks.run(records::regions, loaded -> {
            String selected = region.get();
            regions.setAll(loaded);
            if (selected != null && !loaded.contains(selected)) {
                region.set(null);
            }
        }, failure -> { });
    }

    private void show(Page<RecordSummary> page) {
        rows.setAll(page.items().stream().map(s -> RecordRow.of(s, zone)).toList());
        loading.set(false);
        summary.set(page.total() > page.items().size()
                ? Messages.get("records.summaryPartial", page.items().size(), page.total())
                : Messages.get("records.summary", page.total()));
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<String> regionProperty() {
        return region;
    }

    public ObservableList<String> regions() {
        return regions;
    }

    public ObservableList<RecordRow> rows() {
        return rows;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }
}
