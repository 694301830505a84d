package io.timetravel.gui.diff;

import java.util.regex.Pattern;

/**
 * One field of a two-sided comparison: its dotted path, its value on each side as the user
 * reads it ({@code null} where the field is absent), how the two sides differ, and whether its
 * values are numbers (written grouped, {@code 2,000,000}; right-aligned in the tables).
 */
public record FieldRow(String path, String before, String after, Change change, boolean numeric) {

    /** A number as {@link io.timetravel.gui.Formats#exactNumber} writes it. */
    private static final Pattern GROUPED_NUMBER = Pattern.compile("-?\\d{1,3}(,\\d{3})*(\\.\\d+)?");

    /** A row whose values are numbers when every value shown reads as a grouped number. */
    public FieldRow(String path, String before, String after, Change change) {
        this(path, before, after, change, looksNumeric(before) && looksNumeric(after)
                && (present(before) || present(after)));
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }

    private static boolean looksNumeric(String value) {
        return !present(value) || GROUPED_NUMBER.matcher(value).matches();
    }

    /** How a field differs from the left side to the right; each has a colour and a marker. */
    public enum Change {
        ADDED("+", "diff-added"),
        REMOVED("\u2212", "diff-removed"),
        CHANGED("~", "diff-changed"),
        UNCHANGED("", "diff-unchanged");

        private final String marker;
        private final String styleClass;

        Change(String marker, String styleClass) {
            this.marker = marker;
            this.styleClass = styleClass;
        }

        /** A sign that tells the change apart without colour: +, −, ~ or nothing. */
        public String marker() {
            return marker;
        }

        /** The style class of {@code styles/diff.css} that colours it. */
        public String styleClass() {
            return styleClass;
        }
    }
}
