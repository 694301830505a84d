package io.timetravel.gui;

/**
 * Commands of the menus that a view carries out: the menu bar knows no view, it only asks through
 * {@link WorkspaceState#command}; the view that owns the command listens and obeys (and ignores
 * a command it cannot carry out now, such as Edit with no record selected).
 */
public enum WorkbenchCommand {
    /** Reload what the visible view shows (F5). */
    REFRESH,
    /** Put the keyboard in the visible view's search or filter field (Ctrl+F). */
    FIND,
    /** Edit the selected record (Ctrl+E). */
    EDIT,
    /** Restore the selected record, to the version selected in History when there is one (Ctrl+R). */
    RESTORE,
    /** Show the selected record's Diff (Ctrl+D). */
    DIFF,
    /** Put the keyboard in the timeline's jump-to date (Ctrl+J). */
    JUMP_TO,
    /** The same on the transaction-time axis: the record as known on a date (Ctrl+Shift+J). */
    JUMP_AS_KNOWN,
    /** Show the selected record's History (Ctrl+H). */
    HISTORY,
    /** Verify the audit chain and the signed digests, in the background (Tools menu). */
    VERIFY_CHAIN,
    /** Export the audit entries that the audit browser's filters select, to a CSV file. */
    EXPORT_AUDIT,
    /** Take a snapshot (Tools menu). */
    TAKE_SNAPSHOT
}
