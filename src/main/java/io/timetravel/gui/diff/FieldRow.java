package io.timetravel.gui.diff;

/**
 * One field of a two-sided comparison: its dotted path, its value on each side as the user
 * reads it ({@code null} where the field is absent), and how the two sides differ.
 */
public record FieldRow(String path, String before, String after, Change change) {

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
