package io.timetravel.gui.audit;

import java.text.NumberFormat;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** The text of the audit view's table cells: a fixed value for a cell value factory, and counts grouped by thousands. */
final class CellText {

    private CellText() {
    }

    /** A cell's fixed text. */
    static ReadOnlyObjectWrapper<String> of(String value) {
        return new ReadOnlyObjectWrapper<>(value);
    }

    /** "1,050". */
    static String grouped(long number) {
        return NumberFormat.getIntegerInstance(Locale.ROOT).format(number);
    }
}
