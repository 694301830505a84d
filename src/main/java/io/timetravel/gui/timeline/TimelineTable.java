package io.timetravel.gui.timeline;

import io.timetravel.gui.Messages;
import io.timetravel.gui.ShownState;
import io.timetravel.gui.diff.FieldRow;
import io.timetravel.gui.diff.FieldRows;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The timeline's field table: the fields of the state at the shown position, each marked by how
 * the step to it changed it, all of them or only the changed ones, and how many changed.
 */
public final class TimelineTable {

    private final ObservableList<FieldRow> rows = FXCollections.observableArrayList();
    private final BooleanProperty onlyChanged = new SimpleBooleanProperty();
    private final ReadOnlyIntegerWrapper changedCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper changedText = new ReadOnlyStringWrapper("");

    /** Whether the view model has a step on screen (else the count says nothing). */
    private final BooleanSupplier stepShown;
    private List<FieldRow> allRows = List.of();

    TimelineTable(BooleanSupplier stepShown) {
        this.stepShown = stepShown;
        onlyChanged.addListener((observable, old, only) -> showRows());
    }

    /** Shows the step from state {@code previous} to state {@code current}. */
    void show(ShownState previous, ShownState current) {
        allRows = rowsBetween(previous, current);
        showRows();
    }

    /** Empties the table: no step is shown. */
    void clear() {
        allRows = List.of();
        rows.clear();
        changedCount.set(0);
        changedText.set("");
    }

    private void showRows() {
        int changed = 0;
        for (FieldRow row : allRows) {
            if (changed(row)) {
                changed++;
            }
        }
        changedCount.set(changed);
        changedText.set(stepShown.getAsBoolean() ? Messages.get("timeline.changed", changed) : "");
        List<FieldRow> visible = onlyChanged.get() ? allRows.stream().filter(TimelineTable::changed).toList() : allRows;
        if (visible.size() == rows.size()) {
            // A step mostly changes a row or two: replacing only those keeps the table from
            // refreshing every cell (measured: the largest part of a step's time).
            for (int i = 0; i < visible.size(); i++) {
                if (!visible.get(i).equals(rows.get(i))) {
                    rows.set(i, visible.get(i));
                }
            }
        } else {
            rows.setAll(visible);
        }
    }

    /**
     * The shown state's fields, each marked by how this step changed it (the same rows as the
     * Diff tab's, so both read alike); "before" is left blank where nothing changed.
     */
    static List<FieldRow> rowsBetween(ShownState previous, ShownState current) {
        List<FieldRow> rows = new ArrayList<>(FieldRows.between(previous, current));
        rows.replaceAll(row -> changed(row) ? row : new FieldRow(row.path(), "", row.after(), row.change()));
        return rows;
    }

    private static boolean changed(FieldRow row) {
        return row.change() != FieldRow.Change.UNCHANGED;
    }

    /** The field table: the shown state, changed fields marked. */
    public ObservableList<FieldRow> rows() {
        return rows;
    }

    /** Whether the table lists only the fields the step changed. */
    public BooleanProperty onlyChangedProperty() {
        return onlyChanged;
    }

    public ReadOnlyIntegerProperty changedCountProperty() {
        return changedCount.getReadOnlyProperty();
    }

    /** "3 fields changed". */
    public ReadOnlyStringProperty changedTextProperty() {
        return changedText.getReadOnlyProperty();
    }
}
