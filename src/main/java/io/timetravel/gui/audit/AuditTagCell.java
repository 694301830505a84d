package io.timetravel.gui.audit;

import io.timetravel.gui.GraphicCell;
import java.util.function.Function;
import javafx.scene.control.Label;

/** An entries table cell showing a small coloured tag: its text and style class are taken from the row. */
final class AuditTagCell extends GraphicCell<AuditRow, AuditRow> {
    private final Label tag = new Label();
    private final Function<AuditRow, String> text;
    private final Function<AuditRow, String> style;

    AuditTagCell(Function<AuditRow, String> text, Function<AuditRow, String> style) {
        this.text = text;
        this.style = style;
    }

    @Override
    protected void show(AuditRow row) {
        tag.setText(text.apply(row));
        tag.getStyleClass().setAll("label", "op-tag", style.apply(row));
        setGraphic(tag);
    }
}
