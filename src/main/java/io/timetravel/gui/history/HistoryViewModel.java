package io.timetravel.gui.history;

import io.timetravel.domain.Page;
import io.timetravel.domain.access.Caller;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeskView;
import io.timetravel.gui.LatestOnly;
import io.timetravel.gui.Messages;
import io.timetravel.gui.RecordTab;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.gui.diff.FieldRow;
import io.timetravel.gui.diff.FieldRows;
import io.timetravel.service.HistoryService;
import java.time.ZoneId;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The selected record's history: every event, loaded a page at a time in the background and
 * shown as the pages arrive (a record may have ten thousand versions); the selected event's old
 * and new values field by field; and commands that hand versions to the diff.
 *
 * <p>Events are only ever appended, so a live change loads just what follows the rows already
 * there. Answers to an earlier selection are dropped.
 */
public final class HistoryViewModel {

    /** Events per request: the most the service gives at once. */
    static final int PAGE_SIZE = 1000;

    private final HistoryService history;
    private final WorkbenchAccess access;
    private final WorkspaceState state;
    private final LatestOnly reads;
    private final ZoneId zone;
    private final int pageSize;

    private final ObservableList<HistoryRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<HistoryRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<FieldRow> detailRows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper detailTitle = new ReadOnlyStringWrapper(Messages.get("history.selectHint"));
    private final ReadOnlyStringWrapper detailFacts = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(Messages.get("history.empty"));
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final BooleanBinding canCompare = Bindings.createBooleanBinding(
            () -> selected.get() != null && selected.get().version() > 1, selected);
    private final BooleanBinding canPick = selected.isNotNull();
    private final StringBinding pair;
    private long total;
    private boolean moreArrived;

    public HistoryViewModel(HistoryService history, WorkbenchAccess access, WorkspaceState state, BackgroundTasks tasks,
                            ZoneId zone) {
        this(history, access, state, tasks, zone, PAGE_SIZE);
    }

    HistoryViewModel(HistoryService history, WorkbenchAccess access, WorkspaceState state, BackgroundTasks tasks, ZoneId zone,
                     int pageSize) {
        this.history = history;
        this.access = access;
        this.state = state;
        this.reads = new LatestOnly(tasks);
        this.zone = zone;
        this.pageSize = pageSize;
        pair = Bindings.createStringBinding(() -> {
            Long a = state.diffFromProperty().get();
            Long b = state.diffToProperty().get();
            return a == null || b == null ? Messages.get("history.pairNone") : Messages.get("history.pair", a, b);
        }, state.diffFromProperty(), state.diffToProperty());
        selected.addListener((observable, old, row) -> showDetail(row));
        state.selectedRecordProperty().addListener((observable, old, id) -> reload());
        // What is masked depends on who looks.
        state.callerProperty().addListener((observable, old, caller) -> reload());
        state.onSelectedRecordChange(this::loadNewer);
        state.onRefresh(DeskView.RECORDS, this::reload);
        if (state.selectedRecordProperty().get() != null) {
            reload();
        }
    }

    /** Loads the selected record's history from the start; an earlier load still running is dropped. */
    public void reload() {
        reads.supersede();
        rows.clear();
        selected.set(null);
        total = 0;
        moreArrived = false;
        Long id = state.selectedRecordProperty().get();
        if (id == null) {
            loading.set(false);
            status.set("");
            placeholder.set(Messages.get("history.empty"));
            return;
        }
        loadFrom(id, 0);
    }

    /** Loads the events after those shown: after a live change, or when a load is already running, once it ends. */
    private void loadNewer() {
        if (loading.get()) {
            moreArrived = true;
            return;
        }
        Long id = state.selectedRecordProperty().get();
        if (id != null) {
            loadFrom(id, rows.size());
        }
    }

    private void loadFrom(long id, int offset) {
        loading.set(true);
        if (rows.isEmpty()) {
            placeholder.set(Messages.get("history.loadingFirst"));
        }
        Caller caller = state.caller();
        reads.more(() -> access.disclose(caller, "history", disclosure ->
                history.history(id, pageSize, offset).map(entry -> HistoryRow.of(entry, id, disclosure, zone))),
                page -> pageLoaded(id, page), failure -> {
            loading.set(false);
            String message = Messages.get("history.loadFailed", failure.getMessage());
            status.set(message);
            placeholder.set(message);
        });
    }

    private void pageLoaded(long id, Page<HistoryRow> page) {
        total = page.total();
        long last = rows.isEmpty() ? Long.MIN_VALUE : rows.get(rows.size() - 1).entry().eventId();
        rows.addAll(page.items().stream().filter(row -> row.entry().eventId() > last).toList());
        if (rows.size() < total && !page.items().isEmpty()) {
            progress.set((double) rows.size() / total);
            status.set(Messages.get("history.loading", rows.size(), total));
            loadFrom(id, rows.size());
            return;
        }
        if (moreArrived) {
            moreArrived = false;
            loadFrom(id, rows.size());
            return;
        }
        loading.set(false);
        progress.set(1);
        status.set(Messages.get("history.count", rows.size()));
        placeholder.set(Messages.get("history.empty"));
    }

    private void showDetail(HistoryRow row) {
        if (row == null) {
            detailRows.clear();
            detailTitle.set(Messages.get("history.selectHint"));
            detailFacts.set("");
            return;
        }
        detailRows.setAll(FieldRows.ofPatches(row.oldShown(), row.newShown()));
        detailTitle.set(Messages.get("history.detail", row.version(), row.operation(), row.actor(), row.recordedExactly()));
        String effective = Messages.get(row.backdated() ? "history.detailBackdated" : "history.detailEffective",
                row.effectiveExactly());
        detailFacts.set(row.reason().isEmpty() ? effective : Messages.get("history.detailReason", effective, row.reason()));
    }

    /** Shows the selected event's change in the diff: the version before it as A, it as B. */
    public void compareWithPrevious() {
        HistoryRow row = selected.get();
        if (row == null || row.version() <= 1) {
            return;
        }
        state.diffFromProperty().set(row.version() - 1);
        state.diffToProperty().set(row.version());
        state.showTab(RecordTab.DIFF);
    }

    /** Makes the selected event's version the diff's left side. */
    public void setAsA() {
        if (selected.get() != null) {
            state.diffFromProperty().set(selected.get().version());
        }
    }

    /** Makes the selected event's version the diff's right side. */
    public void setAsB() {
        if (selected.get() != null) {
            state.diffToProperty().set(selected.get().version());
        }
    }

    /** The events loaded so far, oldest first. */
    public ObservableList<HistoryRow> rows() {
        return rows;
    }

    /** The event whose values are shown, or {@code null}. */
    public ObjectProperty<HistoryRow> selectedProperty() {
        return selected;
    }

    /** The selected event's fields: old value left, new value right. */
    public ObservableList<FieldRow> detailRows() {
        return detailRows;
    }

    public ReadOnlyStringProperty detailTitleProperty() {
        return detailTitle.getReadOnlyProperty();
    }

    /** The selected event's effective time and reason, or empty. */
    public ReadOnlyStringProperty detailFactsProperty() {
        return detailFacts.getReadOnlyProperty();
    }

    /** "1,000 events", or how far a long load has come. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** What to say where no events show. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** How much of the history has loaded, 0 to 1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Whether the selected event has a previous version to compare with. */
    public BooleanBinding canCompareProperty() {
        return canCompare;
    }

    /** Whether an event is selected, to set as A or B. */
    public BooleanBinding canPickProperty() {
        return canPick;
    }

    /** Version A of the diff, to mark its event. */
    public ReadOnlyObjectProperty<Long> diffFromProperty() {
        return state.diffFromProperty();
    }

    /** Version B of the diff, to mark its event. */
    public ReadOnlyObjectProperty<Long> diffToProperty() {
        return state.diffToProperty();
    }

    /** Which versions the diff compares now: "Diff: A = v3 · B = v4". */
    public StringBinding pairProperty() {
        return pair;
    }
}
