package io.timetravel.gui;

/** The tabs of the record pane, so a view can ask for another one to be shown. */
public enum RecordTab {
    TIMELINE,
    DIFF,
    HISTORY,
    PREMIUM
}
