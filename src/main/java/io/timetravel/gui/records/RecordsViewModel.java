package io.timetravel.gui.records;

import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.Messages;
import io.timetravel.service.RecordQuery;
import io.timetravel.service.RecordService;
import java.time.ZoneId;
import java.util.List;
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

    /** Rows per query: the first page shows at once, the rest follow in the background. */
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

    /**
     * Loads the rows for the current search and filter: the first page at once, then the rest
     * page by page in the background (the table only draws the rows in view, so even 100,000 stay
     * responsive). A load started earlier stops as soon as a newer one begins.
     */
    public void refresh() {
        long current = ++generation;
        String text = search.get();
        String regionFilter = region.get();
        loading.set(true);
        loadPage(current, text, regionFilter, 0);
        tasks.run(records::regions, loaded -> {
            String selected = region.get();
            regions.setAll(loaded);
            if (selected != null && !loaded.contains(selected)) {
                region.set(null);
            }
        }, failure -> { });
    }

    private void loadPage(long current, String text, String regionFilter, int offset) {
        RecordQuery query = new RecordQuery(text, regionFilter, PAGE_SIZE, offset);
        tasks.run(() -> records.list(query), page -> {
            if (current != generation) {
                return;
            }
            List<RecordRow> loaded = page.items().stream().map(s -> RecordRow.of(s, zone)).toList();
            if (offset == 0) {
                rows.setAll(loaded);
            } else {
                rows.addAll(loaded);
            }
            boolean more = !page.items().isEmpty() && offset + page.items().size() < page.total();
            summary.set(more ? Messages.get("records.summaryPartial", rows.size(), page.total())
                    : Messages.get("records.summary", page.total()));
            if (more) {
                loadPage(current, text, regionFilter, offset + page.items().size());
            } else {
                loading.set(false);
            }
        }, failure -> {
            if (current == generation) {
                loading.set(false);
                summary.set(Messages.get("records.loadFailed", failure.getMessage()));
            }
        });
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
