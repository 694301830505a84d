package io.timetravel.gui.records;

import io.timetravel.domain.Ids;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.FieldPolicies;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.Messages;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.RecordQuery;
import io.timetravel.service.RecordService;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

/**
 * The record list: search text, region filter, the matching rows and a line about them. When the
 * policyholder's name (or region) is a personal field and the user lacks {@code pii}, the list
 * shows it masked and searches by record id only: a name search would tell what the mask hides.
 */
public final class RecordsViewModel {

    /** Rows per query: the first page shows at once, the rest follow in the background. */
    static final int PAGE_SIZE = 1000;

    private final RecordService records;
    private final WorkbenchAccess access;
    private final WorkspaceState state;
    private final BackgroundTasks tasks;
    private final ZoneId zone;
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<String> region = new SimpleObjectProperty<>();
    private final ObservableList<String> regions = FXCollections.observableArrayList();
    private final ObservableList<RecordRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final Set<Long> changed = new TreeSet<>();
    private long total;
    private long generation;

    public RecordsViewModel(RecordService records, WorkbenchAccess access, WorkspaceState state, BackgroundTasks tasks,
                            ZoneId zone) {
        this.records = records;
        this.access = access;
        this.state = state;
        this.tasks = tasks;
        this.zone = zone;
        state.callerProperty().addListener((observable, old, caller) -> {
            if (old == null || old.pii() != caller.pii()) {
                refresh();
            }
        });
    }

    /** Rows of one query as the user may see them; {@code nameSearchRefused} when the text was a name the user may not search by. */
    private record Listed(List<RecordRow> rows, long total, boolean nameSearchRefused) {
    }

    private Listed list(RecordQuery query, Caller caller) {
        FieldPolicies policies = caller.pii() ? FieldPolicies.none() : access.policies();
        RecordQuery asked = query;
        if (query.text() != null && policies.policyFor("name").isPresent()) {
            long id = Ids.parsePositiveLong(query.text());
            if (id <= 0 || (query.ids() != null && !query.ids().contains(id))) {
                return new Listed(List.of(), 0, id <= 0);
            }
            asked = new RecordQuery(null, query.region(), query.limit(), query.offset(), Set.of(id));
        }
        var page = records.list(asked);
        return new Listed(page.items().stream().map(summary -> RecordRow.of(summary, zone, policies)).toList(), page.total(),
                false);
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
        changed.clear(); // the full load reads them anyway
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
        Caller caller = state.caller();
        tasks.run(() -> list(query, caller), page -> {
            if (current != generation) {
                return;
            }
            List<RecordRow> loaded = page.rows();
            if (offset == 0) {
                rows.setAll(loaded);
            } else {
                rows.addAll(loaded);
            }
            total = page.total();
            boolean more = !loaded.isEmpty() && offset + loaded.size() < page.total();
            summary.set(page.nameSearchRefused() ? Messages.get("records.nameSearchMasked")
                    : more ? Messages.get("records.summaryPartial", rows.size(), page.total())
                    : Messages.get("records.summary", page.total()));
            if (more) {
                loadPage(current, text, regionFilter, offset + loaded.size());
            } else {
                loading.set(false);
                applyChanges(); // those that arrived while the list was loading
            }
        }, failure -> {
            if (current == generation) {
                loading.set(false);
                summary.set(Messages.get("records.loadFailed", failure.getMessage()));
            }
        });
    }

    /** Notes that a record changed (here or elsewhere); {@link #applyChanges} brings it into the list. */
    public void recordChanged(long id) {
        changed.add(id);
    }

    /**
     * Brings the noted changes into the list: only those records are read again, under the
     * current search and filter, and their rows replaced, inserted in id order, or dropped when
     * they no longer match. A full reload of 100,000 rows for each change would never finish
     * under a steady stream of writes. While a full load is running the changes wait for its end.
     */
    public void applyChanges() {
        if (changed.isEmpty() || loading.get()) {
            return;
        }
        if (changed.size() > PAGE_SIZE) {
            refresh();
            return;
        }
        Set<Long> ids = new TreeSet<>(changed);
        changed.clear();
        long current = generation;
        RecordQuery query = new RecordQuery(search.get(), region.get(), PAGE_SIZE, 0).onlyIds(ids);
        Caller caller = state.caller();
        tasks.run(() -> list(query, caller), page -> {
            if (current != generation) {
                return; // a newer full load covers these
            }
            Map<Long, RecordRow> fresh = new HashMap<>();
            page.rows().forEach(row -> fresh.put(row.id(), row));
            ids.forEach(id -> merge(id, fresh.get(id)));
            summary.set(Messages.get("records.summary", total));
        }, failure -> summary.set(Messages.get("records.loadFailed", failure.getMessage())));
        tasks.run(records::regions, regions::setAll, failure -> { });
    }

    /** Replaces, inserts (rows are in id order) or drops ({@code fresh} null) the row of {@code id}. */
    private void merge(long id, RecordRow fresh) {
        int low = 0;
        int high = rows.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long at = rows.get(middle).id();
            if (at < id) {
                low = middle + 1;
            } else if (at > id) {
                high = middle - 1;
            } else {
                if (fresh == null) {
                    rows.remove(middle);
                    total--;
                } else {
                    rows.set(middle, fresh);
                }
                return;
            }
        }
        if (fresh != null) {
            rows.add(low, fresh);
            total++;
        }
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
