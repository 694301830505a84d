package io.timetravel.gui.timeline;

/** What a timeline step did to one field. */
public enum FieldChange {
    NONE,
    ADDED,
    CHANGED,
    REMOVED
}
