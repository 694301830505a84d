package io.timetravel.gui;

/** Which time the timeline moves along. */
public enum TimeAxis {
    /** When facts became true in the world ({@code effective_at}), as known now. */
    VALID,
    /** When the store learned them ({@code recorded_at}): the record as the store showed it then. */
    TRANSACTION
}
