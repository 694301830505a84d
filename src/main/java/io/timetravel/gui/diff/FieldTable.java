package io.timetravel.gui.diff;

import io.timetravel.domain.access.FieldPolicies;
import io.timetravel.gui.GraphicCell;
import io.timetravel.gui.Messages;
import io.timetravel.gui.ViewSide;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.text.TextFlow;
import javafx.util.Duration;

/**
 * The cells of a field table, shared by the diff and the history's event detail: each row
 * coloured by its change ({@code diff-added}, {@code diff-removed}, {@code diff-changed} from
 * {@code styles/diff.css}) and marked +, − or ~ for readers who do not tell the colours apart;
 * values on one line, ellipsized, whole in a tooltip.
 */
@ViewSide
public final class FieldTable {

    private static final List<String> CHANGE_CLASSES = Arrays.stream(FieldRow.Change.values())
            .map(FieldRow.Change::styleClass).toList();
    private static final PseudoClass ABSENT = PseudoClass.getPseudoClass("absent");
    private static final PseudoClass MASKED = PseudoClass.getPseudoClass("masked");
    private static final PseudoClass NUMERIC = PseudoClass.getPseudoClass("numeric");

    private FieldTable() {
    }

    /**
     * Sets up {@code table}'s rows and its four columns, which its FXML lists in this order: marker,
     * field path, left value, right value.
     */
    @SuppressWarnings("unchecked")
    public static void configure(TableView<FieldRow> table) {
        List<TableColumn<FieldRow, ?>> columns = table.getColumns();
        configure(table, (TableColumn<FieldRow, String>) columns.get(0), (TableColumn<FieldRow, String>) columns.get(1),
                (TableColumn<FieldRow, String>) columns.get(2), (TableColumn<FieldRow, String>) columns.get(3));
    }

    /** Sets up {@code table}'s rows and its four columns: marker, field path, left value, right value. */
    public static void configure(TableView<FieldRow> table, TableColumn<FieldRow, String> marker,
                                 TableColumn<FieldRow, String> field, TableColumn<FieldRow, String> left,
                                 TableColumn<FieldRow, String> right) {
        table.getStyleClass().add("field-table");
        table.setRowFactory(view -> new ChangeRow());
        marker.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().change().marker()));
        marker.setCellFactory(column -> new TextCell("diff-marker"));
        field.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().path()));
        field.setCellFactory(column -> new PathCell());
        left.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().before()));
        left.setCellFactory(column -> new ValueCell(true));
        right.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().after()));
        right.setCellFactory(column -> new ValueCell(false));
        for (TableColumn<FieldRow, ?> column : List.of(marker, field, left, right)) {
            column.setSortable(false);
            column.setReorderable(false);
        }
    }

    /**
     * A row carrying its change's style class. The class list is touched only when the change
     * differs: every touch makes JavaFX restyle the row and all its cells, and rows are updated
     * far more often than their change differs (the timeline updates them at every step).
     */
    private static final class ChangeRow extends TableRow<FieldRow> {
        private String shown;

        @Override
        protected void updateItem(FieldRow row, boolean empty) {
            super.updateItem(row, empty);
            String wanted = empty || row == null ? null : row.change().styleClass();
            if (!Objects.equals(wanted, shown)) {
                getStyleClass().removeAll(CHANGE_CLASSES);
                if (wanted != null) {
                    getStyleClass().add(wanted);
                }
                shown = wanted;
            }
        }
    }

    private static class TextCell extends TableCell<FieldRow, String> {
        TextCell(String styleClass) {
            getStyleClass().add(styleClass);
            setTextOverrun(OverrunStyle.CENTER_WORD_ELLIPSIS);
        }

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty ? null : text);
        }
    }

    /** A dotted path with its parents dimmed, so the field's own name stands out. */
    private static final class PathCell extends GraphicCell<FieldRow, String> {
        private final Label parents = new Label();
        private final Label name = new Label();
        private final HBox box = new HBox(parents, name);
        private final Tooltip tooltip = new Tooltip();

        PathCell() {
            getStyleClass().add("diff-field");
            parents.getStyleClass().add("path-parents");
            name.getStyleClass().add("path-name");
            parents.setMinWidth(Region.USE_PREF_SIZE);
            name.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void show(String path) {
            int dot = path.lastIndexOf('.');
            parents.setText(dot < 0 ? "" : path.substring(0, dot + 1));
            name.setText(dot < 0 ? path : path.substring(dot + 1));
            tooltip.setText(path);
            setTooltip(tooltip);
            setGraphic(box);
        }
    }

    /**
     * A value on one line (line breaks shown as ⏎); the whole value in a tooltip; a dash where
     * absent. Numbers are right-aligned. In a changed row the old side ({@code diff-old}) and the
     * new side ({@code diff-new}) take their own colours, and the part of the value that changed
     * is highlighted inside it ({@link InlineDiff}, drawn as {@code Text} nodes of a
     * {@code TextFlow}, long unchanged stretches shortened so the change stays in sight). The
     * cell's text stays the plain value, for reading aloud and for copying.
     */
    private static final class ValueCell extends TableCell<FieldRow, String> {
        /** Characters of unchanged text kept on either side of a change in a long value. */
        private static final int CONTEXT = 24;

        private final boolean oldSide;
        private final Tooltip tooltip = new Tooltip();
        private final TextFlow flow = new OneLineFlow();
        private final Rectangle clip = new Rectangle();

        ValueCell(boolean oldSide) {
            this.oldSide = oldSide;
            getStyleClass().addAll("diff-value", oldSide ? "diff-old" : "diff-new");
            setTextOverrun(OverrunStyle.ELLIPSIS);
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(520);
            tooltip.setShowDelay(Duration.millis(400));
            tooltip.setShowDuration(Duration.seconds(30));
            flow.getStyleClass().add("inline-diff");
            flow.setMaxHeight(Region.USE_PREF_SIZE); // centred in the row like plain text, not stretched to its top
            // A highlighted value is one line: what does not fit is cut at the cell's edge, not drawn over the next row.
            clip.widthProperty().bind(widthProperty());
            clip.heightProperty().bind(heightProperty());
            setClip(clip);
        }

        @Override
        protected void updateItem(String value, boolean empty) {
            super.updateItem(value, empty);
            FieldRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
            boolean absent = !empty && row != null && value == null;
            pseudoClassStateChanged(ABSENT, absent);
            // Masked values always start with the mask (FieldPolicies): set apart, and said so on hover.
            boolean masked = !empty && value != null && value.startsWith(FieldPolicies.MASK);
            pseudoClassStateChanged(MASKED, masked);
            boolean numeric = row != null && row.numeric();
            pseudoClassStateChanged(NUMERIC, numeric);
            if (empty || value == null) {
                setText(absent ? "\u2014" : null);
                setTooltip(null);
                showPlain();
                return;
            }
            String shown = oneLine(value);
            setText(shown);
            tooltip.setText(masked ? Messages.get("access.masked") : value);
            setTooltip(tooltip);
            if (row != null && row.change() == FieldRow.Change.CHANGED && !masked && row.before() != null && row.after() != null
                    && !row.before().isEmpty() && !row.after().isEmpty()) {
                showSpans(numeric, oneLine(row.before()), oneLine(row.after()));
            } else {
                showPlain();
            }
        }

        private void showSpans(boolean numeric, String before, String after) {
            InlineDiff.Result result = numeric ? InlineDiff.ofNumbers(before, after)
                    : InlineDiff.ofText(before, after).elided(CONTEXT);
            List<InlineDiff.Span> spans = oldSide ? result.before() : result.after();
            List<Text> texts = new ArrayList<>(spans.size());
            for (InlineDiff.Span span : spans) {
                Text text = new Text(span.text());
                text.getStyleClass().addAll("inline-text", span.changed() ? "inline-changed" : "inline-same");
                texts.add(text);
            }
            flow.getChildren().setAll(texts);
            flow.setTextAlignment(numeric ? TextAlignment.RIGHT : TextAlignment.LEFT);
            setGraphic(flow);
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        private void showPlain() {
            if (getGraphic() != null) {
                setGraphic(null);
                flow.getChildren().clear();
                setContentDisplay(ContentDisplay.TEXT_ONLY);
            }
        }

        private static String oneLine(String value) {
            return value.replace("\r\n", "\n").replace('\n', '\u23ce');
        }
    }

    /**
     * A text flow as tall as one line whatever width it is asked about, so that a highlighted
     * value never makes its row taller (values are written on one line; the cell clips the rest).
     */
    private static final class OneLineFlow extends TextFlow {
        @Override
        protected double computePrefHeight(double width) {
            return super.computePrefHeight(-1);
        }

        @Override
        protected double computeMinHeight(double width) {
            return computePrefHeight(width);
        }
    }
}
