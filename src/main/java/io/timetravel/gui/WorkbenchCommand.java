package io.timetravel.gui;

import java.util.Optional;

/**
 * Commands of the menus that a view carries out: the menu bar knows no view, it only asks through
 * {@link WorkspaceState#command}; the view that owns the command listens and obeys (and ignores
 * a command it cannot carry out now, such as Edit with no record selected).
 */
public enum WorkbenchCommand {
    /** Reload what the visible view shows (F5). */
    REFRESH(null, false),
    /** Put the keyboard in the visible view's search or filter field (Ctrl+F). */
    FIND(null, false),
    /** Edit the selected record (Ctrl+E). */
    EDIT(DeskView.RECORDS, true),
    /** Restore the selected record, to the version selected in History when there is one (Ctrl+R). */
    RESTORE(DeskView.RECORDS, true),
    /** Show the selected record's Diff (Ctrl+D). */
    DIFF(DeskView.RECORDS, true),
    /** Put the keyboard in the timeline's jump-to date (Ctrl+J). */
    JUMP_TO(DeskView.RECORDS, true),
    /** The same on the transaction-time axis: the record as known on a date (Ctrl+Shift+J). */
    JUMP_AS_KNOWN(DeskView.RECORDS, true),
    /** Show the selected record's History (Ctrl+H). */
    HISTORY(DeskView.RECORDS, true),
    /** Verify the audit chain and the signed digests, in the background (Tools menu). */
    VERIFY_CHAIN(DeskView.AUDIT, false),
    /** Export the audit entries that the audit browser's filters select, to a CSV file. */
    EXPORT_AUDIT(DeskView.AUDIT, false),
    /** Take a snapshot (Tools menu). */
    TAKE_SNAPSHOT(DeskView.SNAPSHOTS, false);

    private final DeskView view;
    private final boolean aboutRecord;

    WorkbenchCommand(DeskView view, boolean aboutRecord) {
        this.view = view;
        this.aboutRecord = aboutRecord;
    }

    /** The view that carries the command out, brought forward first; empty: the view that shows. */
    public Optional<DeskView> view() {
        return Optional.ofNullable(view);
    }

    /** Whether the command is about the selected record (and means nothing while none is selected). */
    public boolean aboutRecord() {
        return aboutRecord;
    }
}
