package io.timetravel.gui;

import java.util.List;
import java.util.function.Function;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;

/**
 * What the desk's list views (flags, snapshots, recalculations) share: a filter field that works from the keyboard,
 * table cells, opening a row from the keyboard or the mouse, and the tooltip that says why an action is disabled.
 */
@ViewSide
public final class DeskTables {

    private DeskTables() {
    }

    /**
     * Binds a filter field to its table: the field takes the keyboard when {@code focusRequest}
     * becomes "filter" (Ctrl+F), and Enter in it selects the first row the filter lets through and
     * puts the keyboard in the table.
     */
    public static <T> void filter(TextField field, TableView<T> table, List<T> shown, ObservableStringValue focusRequest) {
        field.setOnAction(event -> {
            if (!shown.isEmpty()) {
                table.getSelectionModel().select(shown.get(0));
                table.requestFocus();
            }
        });
        focusRequest.addListener((observable, old, request) -> {
            if ("filter".equals(request)) {
                field.requestFocus();
                field.selectAll();
            }
        });
    }

    /** Enter (while {@code canOpen} holds) and a double click on a row both run {@code open}, for the selected row. */
    public static <T> void openOnEnterOrDoubleClick(TableView<T> table, ObservableBooleanValue canOpen, Runnable open) {
        table.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ENTER && canOpen.get()) {
                open.run();
                event.consume();
            }
        });
        table.setRowFactory(rows -> {
            TableRow<T> row = new TableRow<>();
            row.setOnMouseClicked(event -> {
                if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && !row.isEmpty()) {
                    open.run();
                }
            });
            return row;
        });
    }

    /** A cell showing its text on one line, and the whole text in a tooltip. */
    public static <S> TableCell<S, String> textWithTooltip() {
        return textWithTooltip(480);
    }

    /** A cell showing its text on one line, and the whole text in a tooltip at most {@code tooltipWidth} wide. */
    public static <S> TableCell<S, String> textWithTooltip(double tooltipWidth) {
        return new TableCell<>() {
            private final Tooltip tooltip = new Tooltip();

            {
                tooltip.setWrapText(true);
                tooltip.setMaxWidth(tooltipWidth);
            }

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                if (empty || text == null || text.isEmpty()) {
                    setTooltip(null);
                } else {
                    tooltip.setText(text);
                    setTooltip(tooltip);
                }
            }
        };
    }

    /** A cell showing a value as {@code text} gives it (right-aligned where its column is {@code numeric}). */
    public static <S, T> TableCell<S, T> formatted(Function<T, String> text) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty || value == null ? null : text.apply(value));
            }
        };
    }
}
