package io.timetravel.gui.diff;

import io.timetravel.domain.Operation;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.access.Caller;
import io.timetravel.gui.DeskView;
import io.timetravel.gui.Formats;
import io.timetravel.gui.LatestOnly;
import io.timetravel.gui.Messages;
import io.timetravel.gui.RecordViewContext;
import io.timetravel.gui.ShownState;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.HistoryService.Comparison;
import io.timetravel.service.HistoryService.TimelinePoint;
import io.timetravel.service.HistoryService;
import io.timetravel.service.RecordService;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The comparison of two versions of the selected record, A (left) and B (right), field by field.
 *
 * <p>A and B are the workspace's {@code diffFrom}/{@code diffTo}, so the history and timeline
 * views can set them and they survive switching tabs. When a record is selected they start at
 * the previous and the latest version; a pair at that default follows new versions as they
 * arrive. A may be later than B (after a swap): the pair keeps its order, and a range control
 * moves the earlier and the later side through {@link #moveRange}. Loads run in the background;
 * an answer to an earlier request is dropped. Both states are shown as the user may see them:
 * masked without {@code pii}, yet a masked field whose value differs is still marked changed.
 */
public final class DiffViewModel {

    /**
     * One side's facts, as its column header shows them.
     *
     * @param validTo when the version stops being true, or empty when it does not end
     */
    public record Side(long version, Operation operation, String effective, String validTo, String recorded, boolean backdated,
                       String actor, String reason) {

        static Side of(RecordVersion version, ZoneId zone) {
            return new Side(version.version(), version.operation(), Formats.localTime(version.effectiveAt(), zone),
                    version.validTo() == null ? "" : Formats.localTime(version.validTo(), zone),
                    Formats.localTime(version.recordedAt(), zone),
                    Formats.backdated(version.effectiveAt(), version.recordedAt()), Formats.actor(version.actor()),
                    version.reason() == null ? "" : version.reason());
        }
    }

    private final RecordService records;
    private final WorkbenchAccess access;
    private final HistoryService history;
    private final WorkspaceState state;
    /** The record's version count, and the comparison: each read drops the answers of the one before. */
    private final LatestOnly latestReads;
    private final LatestOnly comparisons;
    private final ZoneId zone;

    private final ReadOnlyLongWrapper latest = new ReadOnlyLongWrapper(0);
    private final ObservableList<FieldRow> allRows = FXCollections.observableArrayList();
    private final FilteredList<FieldRow> rows = new FilteredList<>(allRows);
    private final BooleanProperty showUnchanged = new SimpleBooleanProperty(true);
    private final ReadOnlyObjectWrapper<Side> sideA = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Side> sideB = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(Messages.get("diff.none"));
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final BooleanBinding reversed;
    private final BooleanBinding comparable = latest.greaterThanOrEqualTo(2);
    private boolean settingPair;

    public DiffViewModel(RecordViewContext context, HistoryService history) {
        this.records = context.records();
        this.access = context.access();
        this.history = history;
        this.state = context.state();
        this.latestReads = new LatestOnly(context.tasks());
        this.comparisons = new LatestOnly(context.tasks());
        this.zone = context.zone();
        reversed = Bindings.createBooleanBinding(() -> from() != null && to() != null && from() > to(),
                state.diffFromProperty(), state.diffToProperty());
        rows.predicateProperty().bind(Bindings.createObjectBinding(
                () -> showUnchanged.get() ? row -> true : row -> row.change() != FieldRow.Change.UNCHANGED, showUnchanged));
        state.diffFromProperty().addListener((observable, old, version) -> pairChanged());
        state.diffToProperty().addListener((observable, old, version) -> pairChanged());
        state.selectedRecordProperty().addListener((observable, old, id) -> recordSelected());
        state.callerProperty().addListener((observable, old, caller) -> compare());
        state.onSelectedRecordChange(this::loadLatest);
        state.onRefresh(DeskView.RECORDS, () -> {
            loadLatest();
            compare();
        });
        if (state.selectedRecordProperty().get() != null) {
            recordSelected();
        }
    }

    /** A new record: forget the old pair, then start at the previous and the latest version. */
    private void recordSelected() {
        latestReads.supersede();
        latest.set(0);
        setPair(null, null);
        if (state.selectedRecordProperty().get() != null) {
            loadLatest();
        }
    }

    private void loadLatest() {
        Long id = state.selectedRecordProperty().get();
        if (id == null) {
            return;
        }
        latestReads.more(() -> records.versions(id, 1, 0).total(), this::latestLoaded,
                failure -> placeholder.set(Messages.get("diff.loadFailed", failure.getMessage())));
    }

    private void latestLoaded(long total) {
        long previous = latest.get();
        latest.set(total);
        Long a = from();
        Long b = to();
        boolean atDefault = previous > 0 && Objects.equals(a, defaultFrom(previous)) && Objects.equals(b, previous);
        if (total < 2) {
            setPair(null, null); // one version: nothing to compare yet (compare() says so)
        } else if (a == null || b == null || !exists(a) || !exists(b) || atDefault) {
            setPair(defaultFrom(total), total);
        }
    }

    private static long defaultFrom(long latest) {
        return Math.max(1, latest - 1);
    }

    private boolean exists(long version) {
        return version >= 1 && version <= latest.get();
    }

    /** Compares {@code from} (A, left) with {@code to} (B, right), loading once for both. */
    public void setPair(Long from, Long to) {
        settingPair = true;
        try {
            state.diffFromProperty().set(from);
            state.diffToProperty().set(to);
        } finally {
            settingPair = false;
        }
        compare();
    }

    /** A and B change places. */
    public void swap() {
        setPair(to(), from());
    }

    /**
     * Moves the pair to the span {@code low}..{@code high} picked on a range control, keeping its
     * order: when A is the later side, A takes {@code high}.
     */
    public void moveRange(long low, long high) {
        long earlier = Math.min(low, high);
        long later = Math.max(low, high);
        if (reversed.get()) {
            setPair(later, earlier);
        } else {
            setPair(earlier, later);
        }
    }

    private void pairChanged() {
        if (!settingPair) {
            compare();
        }
    }

    private void compare() {
        comparisons.supersede();
        Long id = state.selectedRecordProperty().get();
        Long a = from();
        Long b = to();
        if (id != null && latest.get() == 1) {
            clear(Messages.get("diff.oneVersion"));
            return;
        }
        if (id == null || a == null || b == null) {
            clear(Messages.get("diff.none"));
            return;
        }
        loading.set(true);
        placeholder.set(Messages.get("diff.loading"));
        Caller caller = state.caller();
        comparisons.more(() -> access.disclose(caller, "diff", disclosure -> {
            Comparison comparison = history.diff(id, new TimelinePoint(a, null), new TimelinePoint(b, null));
            return new Compared(Side.of(comparison.from(), zone), Side.of(comparison.to(), zone), FieldRows.between(ShownState.of(disclosure, id, comparison.from().data()),
                    ShownState.of(disclosure, id, comparison.to().data())));
        }), this::show, failure -> clear(Messages.get("diff.loadFailed", failure.getMessage())));
    }

    /** The two sides' facts and the rows, worked out (and masked) in the background: no record data beyond them. */
    private record Compared(Side a, Side b, List<FieldRow> rows) {
    }

    private void show(Compared result) {
        List<FieldRow> compared = result.rows();
        allRows.setAll(compared);
        sideA.set(result.a());
        sideB.set(result.b());
        long added = count(compared, FieldRow.Change.ADDED);
        long changed = count(compared, FieldRow.Change.CHANGED);
        long removed = count(compared, FieldRow.Change.REMOVED);
        long unchanged = count(compared, FieldRow.Change.UNCHANGED);
        String counts = Messages.get("diff.summary", added, changed, removed);
        summary.set(added + changed + removed == 0 ? Messages.get("diff.same")
                : unchanged == 0 ? counts : Messages.get("diff.summaryUnchanged", counts, unchanged));
        placeholder.set(Messages.get("diff.noRows"));
        loading.set(false);
    }

    private static long count(List<FieldRow> rows, FieldRow.Change change) {
        return rows.stream().filter(row -> row.change() == change).count();
    }

    private void clear(String why) {
        allRows.clear();
        sideA.set(null);
        sideB.set(null);
        summary.set("");
        placeholder.set(why);
        loading.set(false);
    }

    private Long from() {
        return state.diffFromProperty().get();
    }

    private Long to() {
        return state.diffToProperty().get();
    }

    /** Version A (left), shared with the other views; {@code null} until picked. */
    public ObjectProperty<Long> fromProperty() {
        return state.diffFromProperty();
    }

    /** Version B (right), shared with the other views; {@code null} until picked. */
    public ObjectProperty<Long> toProperty() {
        return state.diffToProperty();
    }

    /** The selected record's newest version number (its versions are 1 to this), 0 while unknown. */
    public ReadOnlyLongProperty latestProperty() {
        return latest.getReadOnlyProperty();
    }

    /** Whether the record has two versions or more, so that there is something to compare (the pickers work). */
    public BooleanBinding comparableProperty() {
        return comparable;
    }

    /** The rows shown: every field, or only those that differ. */
    public ObservableList<FieldRow> rows() {
        return rows;
    }

    /** Whether fields equal on both sides are listed too. */
    public BooleanProperty showUnchangedProperty() {
        return showUnchanged;
    }

    /** Whether A is the later version (after a swap). */
    public BooleanBinding reversedProperty() {
        return reversed;
    }

    public ReadOnlyObjectProperty<Side> sideAProperty() {
        return sideA.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Side> sideBProperty() {
        return sideB.getReadOnlyProperty();
    }

    /** "3 added · 2 changed · 1 removed", or that the two sides are the same. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What to say where no rows show: nothing picked, loading, a failure, or no differences. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
