package io.timetravel.gui;

import javafx.scene.control.TableCell;

/**
 * A table cell drawn as a graphic (a tag, a box of labels) rather than text: empty, it shows
 * nothing and has no tooltip; otherwise {@link #show} draws its item.
 *
 * @param <S> the table's row
 * @param <T> the cell's item
 */
public abstract class GraphicCell<S, T> extends TableCell<S, T> {

    @Override
    protected final void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        if (empty || item == null) {
            setGraphic(null);
            setTooltip(null);
            return;
        }
        show(item);
    }

    /** Draws {@code item}, never {@code null}: sets the graphic, and the tooltip or none. */
    protected abstract void show(T item);
}
