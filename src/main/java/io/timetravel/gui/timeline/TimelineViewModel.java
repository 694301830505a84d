package io.timetravel.gui.timeline;

import io.timetravel.domain.VersionInfo;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.Messages;
import io.timetravel.gui.RecordViewContext;
import io.timetravel.gui.TimeAxis;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.gui.timeline.TimelinePositions.PeriodMark;
import io.timetravel.gui.timeline.TimelinePositions.StatePoint;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The timeline of the selected record: its versions as positions on the chosen time axis, the
 * position the user scrubs to, and the field table and caption of the state shown there.
 *
 * <p>What a position shows (decision 0015): on the transaction axis, version k as the store
 * answered right after recording it; on the valid axis, the fold of every version true at the
 * position's effective instant, as known now, which is no version's recorded state. The change
 * shown at a step is against the previous position's state on the same axis.
 *
 * <p>All of it runs on the FX thread. The view model coordinates: {@link VersionListReader}
 * reads the version list, {@link TimelineStates} the states (cached, read ahead, and read again
 * when the user changes), {@link TimelineTable} and {@link TimelineCaption} show the step, and
 * {@link JumpFields} name an instant to jump to. Scrubbing never queues up reads: at most one
 * state read is in flight, and when it returns the latest requested position is served (its
 * answer applied only if it is still the one wanted), so a step to a cached position updates
 * the table at once.
 */
public final class TimelineViewModel {

    /** Versions per page of the version list (the service's largest page). */
    static final int LIST_PAGE = 1000;
    /** The largest step of Page Up / Page Down. */
    public static final int PAGE_STEP = 10;

    private final WorkspaceState state;

    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper position = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<Long> shownVersion = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<PeriodMark>> periodMarks = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<TimelinePositions> laidOutPositions = new ReadOnlyObjectWrapper<>(TimelinePositions.EMPTY);
    /** Whether what the position shows is not on screen yet: the list or the position's state is being read. */
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final VersionListReader list;
    private final TimelineStates states;
    private final TimelineTable table;
    private final TimelineCaption caption;
    private final JumpFields jumpFields;
    private final BitemporalMapModel map;

    private TimelinePositions positions = TimelinePositions.EMPTY;
    private Long recordId;
    /** The position whose state the table shows (0 = none). */
    private int applied;
    private int direction = 1;

    public TimelineViewModel(RecordViewContext context) {
        this(context, LIST_PAGE);
    }

    /** With a smaller page of the version list: for tests of the loading progress. */
    TimelineViewModel(RecordViewContext context, int listPage) {
        WorkspaceState state = context.state();
        BackgroundTasks tasks = context.tasks();
        this.state = state;
        // The fixed offset prints as "Z"; its region name reads better in a caption.
        ZoneId shownZone = context.zone().equals(ZoneOffset.UTC) ? ZoneId.of("UTC") : context.zone();
        this.list = new VersionListReader(context.records(), tasks, listPage, this::listed, this::listProgress, this::listFailed);
        this.states = new TimelineStates(context.records(), context.access(), state, tasks, this::statesRead, this::statesFailed);
        this.table = new TimelineTable(() -> applied != 0);
        this.caption = new TimelineCaption(shownZone);
        this.jumpFields = new JumpFields(shownZone);
        state.selectedRecordProperty().addListener((observable, old, id) -> open(id));
        state.timeAxisProperty().addListener((observable, old, axis) -> relayOut());
        state.callerProperty().addListener((observable, old, caller) -> reshow());
        state.lastChangeProperty().addListener((observable, old, change) -> {
            if (state.concernsSelected(change) && change.version() > positions.size()) {
                reload();
            }
        });
        // After the caller's change is complete (openRecord selects the record after asking).
        state.requestedVersionProperty().addListener((observable, old, version) -> tasks.ui(this::obeyRequest));
        map = new BitemporalMapModel(this, state, tasks, shownZone);
        open(state.selectedRecordProperty().get());
    }

    // ---- Commands ----

    /** Moves to a position (clamped to 1..n) and shows its state as soon as it is read. */
    public void select(int requested) {
        int n = positions.size();
        if (n == 0) {
            return;
        }
        int target = Math.max(1, Math.min(n, requested));
        if (target != position.get()) {
            direction = target >= position.get() ? 1 : -1;
        }
        position.set(target);
        pump();
    }

    /** Moves by {@code delta} positions (arrow keys: 1, Page keys: {@link #PAGE_STEP}). */
    public void step(int delta) {
        select(position.get() + delta);
    }

    public void first() {
        select(1);
    }

    public void last() {
        select(positions.size());
    }

    /**
     * Jumps to the last position whose instant on the current axis is at or before the instant
     * entered in the {@link #jumpFields()}. Returns whether it moved; otherwise their error says why.
     */
    public boolean jump() {
        int target = jumpFields.target(positions);
        if (target == 0) {
            return false;
        }
        select(target);
        return true;
    }

    /** Makes the shown version the diff's side A. */
    public void markDiffFrom() {
        state.diffFromProperty().set(shownVersion.get());
    }

    /** Makes the shown version the diff's side B. */
    public void markDiffTo() {
        state.diffToProperty().set(shownVersion.get());
    }

    // ---- The version list ----

    private void open(Long id) {
        recordId = id;
        states.forget();
        positions = TimelinePositions.EMPTY;
        laidOutPositions.set(positions);
        periodMarks.set(List.of());
        count.set(0);
        position.set(0);
        applied = 0;
        clearShown();
        statusText.set("");
        jumpFields.clearError();
        list.reset(id != null);
        updateBusy();
        if (id != null) {
            list.readAll(id);
        }
    }

    /** Reads the versions added since the list was loaded (versions are only ever appended). */
    private void reload() {
        if (recordId != null) {
            list.readNewer(recordId);
        }
    }

    private void listProgress(int loaded, long total) {
        statusText.set(Messages.get("timeline.loading", loaded, total));
    }

    private void listFailed(Throwable failure) {
        statusText.set(Messages.get("timeline.loadFailed", failure.getMessage()));
        updateBusy();
    }

    private void listed(List<VersionInfo> loaded, boolean fresh) {
        statusText.set("");
        int before = positions.size();
        if (fresh || loaded.size() > before) {
            boolean atEnd = before == 0 || position.get() == before;
            long versionHere = before == 0 ? 0 : positions.at(position.get()).version();
            lay(new TimelinePositions(state.timeAxisProperty().get(), loaded));
            // At the end (the current state): follow new versions; elsewhere: stay on the same version.
            select(fresh || atEnd ? positions.size() : positions.positionOf(versionHere));
            obeyRequest();
        }
        updateBusy();
    }

    /**
     * "Open in timeline" asked for a version: once the selected record's list is loaded, shows
     * it where it was recorded (the transaction axis) and clears the request.
     */
    private void obeyRequest() {
        Long requested = state.requestedVersionProperty().get();
        if (requested == null || list.reading() || recordId == null || !recordId.equals(state.selectedRecordProperty().get())
                || positions.size() == 0) {
            return; // listed() asks again when the list is in
        }
        state.requestedVersionProperty().set(null);
        state.timeAxisProperty().set(TimeAxis.TRANSACTION);
        int target = positions.positionOf(requested);
        if (target == 0) {
            statusText.set(Messages.get("timeline.requestedMissing", requested));
            return;
        }
        select(target);
    }

    /**
     * The axis changed: the same version, now at its place on the other axis; or the end again
     * when the user was at the end (the current state, on either axis).
     */
    private void relayOut() {
        if (positions.size() == 0) {
            return;
        }
        boolean atEnd = position.get() == positions.size();
        long versionHere = positions.at(position.get()).version();
        lay(new TimelinePositions(state.timeAxisProperty().get(), positions.versions()));
        select(atEnd ? positions.size() : positions.positionOf(versionHere));
    }

    private void lay(TimelinePositions laidOut) {
        positions = laidOut;
        laidOutPositions.set(laidOut);
        states.dropInFlight();
        applied = 0;
        position.set(0);
        count.set(laidOut.size());
        periodMarks.set(laidOut.periodMarks());
        caption.axis(laidOut.axis());
    }

    // ---- States ----

    /** Shows the requested position if its states are at hand, else reads them (one read at a time). */
    private void pump() {
        int target = position.get();
        if (target == 0 || target == applied) {
            return;
        }
        Set<StatePoint> missing = states.missing(positions, target);
        if (missing.isEmpty()) {
            show(target);
            states.readAhead(recordId, positions, position.get(), direction);
        } else if (!states.reading()) {
            states.read(recordId, missing);
        }
        updateBusy();
    }

    /** A read of states came back: whatever was asked meanwhile is served now. */
    private void statesRead() {
        pump();
        states.readAhead(recordId, positions, position.get(), direction);
    }

    private void statesFailed(Throwable failure, boolean wanted) {
        if (wanted) {
            statusText.set(Messages.get("timeline.readFailed", failure.getMessage()));
            updateBusy();
        } else {
            pump();
        }
    }

    private void updateBusy() {
        // While scrubbing the last state stays on screen until the next is read: no spinner then.
        busy.set(list.reading() || position.get() > 0 && applied == 0 && statusText.get().isEmpty());
    }

    /** The user changed: what the states show may differ, so read them again for the same position. */
    private void reshow() {
        states.forget();
        applied = 0;
        pump();
    }

    private void show(int at) {
        applied = at;
        VersionInfo version = positions.at(at);
        boolean inEffect = positions.inEffectAt(at);
        table.show(at > 1 ? states.stateAt(positions, at - 1) : TimelineStates.NOTHING, states.stateAt(positions, at));
        caption.show(positions, at, table.changedCountProperty().get());
        Long shown = inEffect ? version.version() : null;
        shownVersion.set(shown);
        state.cursorVersionProperty().set(shown);
    }

    private void clearShown() {
        table.clear();
        shownVersion.set(null);
        state.cursorVersionProperty().set(null);
        caption.clear();
    }

    // ---- Properties ----

    /** The number of positions (versions) on the timeline; 0 while none is loaded. */
    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /** The position the user is at, 1..n (0 while none is loaded). */
    public ReadOnlyIntegerProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    public ObjectProperty<TimeAxis> axisProperty() {
        return state.timeAxisProperty();
    }

    /** The field table of the shown step. */
    public TimelineTable table() {
        return table;
    }

    /** The caption of the shown position. */
    public TimelineCaption caption() {
        return caption;
    }

    /** The date and time to jump to. */
    public JumpFields jumpFields() {
        return jumpFields;
    }

    /**
     * The version at the position, or {@code null} while nothing is shown or nothing was in
     * effect there. On the valid axis the state shown is the fold at its effective instant, which
     * also holds what other versions set.
     */
    public ReadOnlyObjectProperty<Long> shownVersionProperty() {
        return shownVersion.getReadOnlyProperty();
    }

    /** The versions with a bounded valid period, as the track marks them. */
    ReadOnlyObjectProperty<List<PeriodMark>> periodMarksProperty() {
        return periodMarks.getReadOnlyProperty();
    }

    /** The versions as laid out on the current axis (empty while none is loaded). */
    ReadOnlyObjectProperty<TimelinePositions> positionsProperty() {
        return laidOutPositions.getReadOnlyProperty();
    }

    /** The bitemporal map of the same record. */
    public BitemporalMapModel map() {
        return map;
    }

    /** Loading progress or a failure; empty when all is well. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** Whether a record's version list is being read from the start. */
    public ReadOnlyBooleanProperty loadingListProperty() {
        return list.loadingProperty();
    }

    /**
     * Whether the record or the state at the position is still being read (the view shows a
     * progress indicator): from opening a record (or switching the axis) until its first state
     * is on screen.
     */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** How much of the version list is read, 0..1, or -1 while unknown. */
    public ReadOnlyDoubleProperty listProgressProperty() {
        return list.progressProperty();
    }
}
