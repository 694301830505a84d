package io.timetravel.gui.record;

import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.Permission;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DialogService;
import io.timetravel.gui.FormSpec;
import io.timetravel.gui.Messages;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.gui.edit.EditView;
import io.timetravel.gui.edit.EditViewModel;
import io.timetravel.gui.restore.RestoreView;
import io.timetravel.gui.restore.RestoreViewModel;
import io.timetravel.service.RecordService;
import io.timetravel.service.WriteOutcome;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Set;

/**
 * Edit and Restore as dialogs, each with its own view model; changes are made as the current
 * user, verified or declared as that user is, and only when the user's roles allow writing.
 */
public final class DialogRecordActions implements RecordActions {

    private final RecordService records;
    private final WorkbenchAccess access;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final WorkspaceState state;
    private final ZoneId zone;
    private final Clock clock;

    public DialogRecordActions(RecordService records, WorkbenchAccess access, BackgroundTasks tasks, DialogService dialogs,
                               WorkspaceState state, ZoneId zone, Clock clock) {
        this.records = records;
        this.access = access;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.state = state;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public void edit(RecordVersion current, Set<String> masked) {
        Caller caller = state.caller();
        if (current == null || !caller.allows(Permission.WRITE)) {
            return;
        }
        EditViewModel form = new EditViewModel(records, access, tasks, dialogs, current, masked, caller, zone, clock,
                outcome -> report(outcome, "edit"));
        dialogs.showForm(new FormSpec(Messages.get("edit.title", current.recordId()), "/fxml/edit/Edit.fxml",
                () -> new EditView(form), Messages.get("edit.save"), form.validProperty(), form::submit));
    }

    @Override
    public void restore(RecordVersion current, long versions, RestoreSuggestion suggested) {
        Caller caller = state.caller();
        if (current == null || !caller.allows(Permission.WRITE)) {
            return;
        }
        RestoreViewModel form = new RestoreViewModel(records, access, tasks, dialogs, current, Math.max(versions, current.version()),
                suggested.version(), suggested.fromHistory(), caller, zone, outcome -> report(outcome, "restore"));
        dialogs.showForm(new FormSpec(Messages.get("restore.title", current.recordId()), "/fxml/restore/Restore.fxml",
                () -> new RestoreView(form), Messages.get("restore.ok"), form.validProperty(), form::submit));
    }

    /** A write that changed nothing is worth saying; a new version shows itself everywhere through the live updates. */
    private void report(WriteOutcome outcome, String action) {
        if (!outcome.changed()) {
            dialogs.showInfo(Messages.get(action + ".title", outcome.record().recordId()),
                    Messages.get(action + ".unchanged", outcome.record().version()));
        }
    }
}
