package io.timetravel.gui;

import java.util.function.Supplier;
import javafx.beans.value.ObservableBooleanValue;

/**
 * A form shown in a dialog: its layout and controller, whether it can be submitted, and what
 * submitting does (returns {@code true} when the dialog may close).
 *
 * @param fxml       class-path location of the layout, e.g. {@code /fxml/restore/Restore.fxml}
 * @param controller makes the layout's controller
 */
public record FormSpec(
        String title,
        String fxml,
        Supplier<Object> controller,
        String okText,
        ObservableBooleanValue valid,
        Supplier<Boolean> submit) {
}
