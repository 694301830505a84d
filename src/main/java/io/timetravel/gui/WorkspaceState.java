package io.timetravel.gui;

import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.Caller;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What sibling views share, in one observable place: the selected record, the timeline's axis and
 * position, the two points of the diff, the current user, and news of changes. Views never talk to
 * each other; they read and write this. FX thread only.
 */
public final class WorkspaceState {

    /** A record that changed (here or elsewhere): its id and its newest version. */
    public record RecordChange(long recordId, long version, long eventId) {
    }

    private final ObjectProperty<Long> selectedRecord = new SimpleObjectProperty<>();
    private final ObjectProperty<TimeAxis> timeAxis = new SimpleObjectProperty<>(TimeAxis.VALID);
    private final ObjectProperty<Long> cursorVersion = new SimpleObjectProperty<>();
    private final ObjectProperty<Long> diffFrom = new SimpleObjectProperty<>();
    private final ObjectProperty<Long> diffTo = new SimpleObjectProperty<>();
    /**
     * Nobody yet: the caller until the user is known. No roles (read-only) and no {@code pii}
     * (personal data masked), so nothing is shown or done before the workbench knows for whom.
     */
    public static final Caller NOBODY = new Caller(Actor.ANONYMOUS, Set.of(), false);

    private final ObjectProperty<Caller> caller = new SimpleObjectProperty<>(NOBODY);
    private final ObjectProperty<RecordChange> lastChange = new SimpleObjectProperty<>();
    private final ObjectProperty<RecordTab> requestedTab = new SimpleObjectProperty<>();
    private final ObjectProperty<DeskView> requestedView = new SimpleObjectProperty<>();
    private final ObjectProperty<DeskView> visibleView = new SimpleObjectProperty<>(DeskView.RECORDS);
    private final ObjectProperty<WorkbenchCommand> command = new SimpleObjectProperty<>();
    private final ObjectProperty<Long> requestedVersion = new SimpleObjectProperty<>();

    /** The record the views show, or {@code null}. */
    public ObjectProperty<Long> selectedRecordProperty() {
        return selectedRecord;
    }

    public ObjectProperty<TimeAxis> timeAxisProperty() {
        return timeAxis;
    }

    /** The version at the timeline's position (the state the timeline shows), or {@code null}. */
    public ObjectProperty<Long> cursorVersionProperty() {
        return cursorVersion;
    }

    /** Version A of the diff, or {@code null}. */
    public ObjectProperty<Long> diffFromProperty() {
        return diffFrom;
    }

    /** Version B of the diff, or {@code null}. */
    public ObjectProperty<Long> diffToProperty() {
        return diffTo;
    }

    /**
     * Whom the workbench acts for: the user's id, roles, {@code pii} grant and whether the
     * identity is verified; {@link #NOBODY} until known, never {@code null}. Views reload what
     * they show when it changes, since masking depends on it.
     */
    public ObjectProperty<Caller> callerProperty() {
        return caller;
    }

    public Caller caller() {
        return caller.get() == null ? NOBODY : caller.get();
    }

    /** The latest change to any record; every change is a new value, so listeners hear each one. */
    public ObjectProperty<RecordChange> lastChangeProperty() {
        return lastChange;
    }

    public void recordChanged(long recordId, long version, long eventId) {
        lastChange.set(new RecordChange(recordId, version, eventId));
    }

    /**
     * The record pane's tab a view last asked to bring forward (the record pane obeys), or
     * {@code null}. Ask with {@link #showTab}, so a repeated request is heard too.
     */
    public ObjectProperty<RecordTab> requestedTabProperty() {
        return requestedTab;
    }

    /** Asks the record pane to show {@code tab} (from "Compare with previous", say). */
    public void showTab(RecordTab tab) {
        requestedTab.set(null);
        requestedTab.set(tab);
    }

    /** Whether {@code change} concerns the record the views show. */
    public boolean concernsSelected(RecordChange change) {
        return change != null && selectedRecord.get() != null && change.recordId() == selectedRecord.get();
    }

    /** Runs {@code reread} on each change to the record the views show, made here or elsewhere. */
    public void onSelectedRecordChange(Runnable reread) {
        lastChange.addListener((observable, old, change) -> {
            if (concernsSelected(change)) {
                reread.run();
            }
        });
    }

    /**
     * The view a menu or another view last asked to bring forward (the window obeys), or
     * {@code null}. Ask with {@link #showView}, so a repeated request is heard too.
     */
    public ObjectProperty<DeskView> requestedViewProperty() {
        return requestedView;
    }

    /** Asks the window to show {@code view}. */
    public void showView(DeskView view) {
        requestedView.set(null);
        requestedView.set(view);
    }

    /** The view the window shows now; set by the window, read by views that work only when visible. */
    public ObjectProperty<DeskView> visibleViewProperty() {
        return visibleView;
    }

    /**
     * The menu command last given, or {@code null}; every command is a new value (it passes
     * through {@code null}), so the view that carries it out hears each one. Give with {@link #command}.
     */
    public ObjectProperty<WorkbenchCommand> commandProperty() {
        return command;
    }

    /** Gives {@code next} to whichever view carries it out. */
    public void command(WorkbenchCommand next) {
        command.set(null);
        command.set(next);
    }

    /** Runs {@code reload} on each Refresh (F5) given while {@code view} is the one the window shows. */
    public void onRefresh(DeskView view, Runnable reload) {
        command.addListener((observable, old, next) -> {
            if (next == WorkbenchCommand.REFRESH && visibleView.get() == view) {
                reload.run();
            }
        });
    }

    /**
     * The version the timeline is asked to show once the selected record is loaded (from "Open in
     * timeline" in another view), or {@code null}. The timeline clears it when it has obeyed.
     */
    public ObjectProperty<Long> requestedVersionProperty() {
        return requestedVersion;
    }

    /**
     * Opens {@code recordId} in the Records view's timeline, at {@code version} when it is not
     * {@code null}: what "Open in timeline" of the audit browser does.
     */
    public void openRecord(long recordId, Long version) {
        requestedVersion.set(version);
        selectedRecord.set(recordId);
        showView(DeskView.RECORDS);
        showTab(RecordTab.TIMELINE);
    }
}
