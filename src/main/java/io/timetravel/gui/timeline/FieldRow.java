package io.timetravel.gui.timeline;

/**
 * One line of the timeline's field table: a field by dotted path, its value as shown, and how the
 * version at the timeline position changed it.
 *
 * @param path     the field's dotted path ({@code address.city})
 * @param value    the value at the position (for a removed field: the value it had before)
 * @param previous the value before this step, for changed and removed fields; else {@code ""}
 * @param change   what this step did to the field
 */
public record FieldRow(String path, String value, String previous, FieldChange change) {

    /** Whether this step changed the field (added, changed or removed it). */
    public boolean changed() {
        return change != FieldChange.NONE;
    }
}
