package io.timetravel.gui;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;

/**
 * Shows a node only while a condition holds: hidden, it also takes no room in its layout, so
 * what follows it moves up instead of leaving a gap.
 */
@ViewSide
public final class Visibility {

    private Visibility() {
    }

    /** Binds {@code node}'s visibility to {@code when}, and its place in the layout to its visibility. */
    public static void showWhile(Node node, ObservableValue<Boolean> when) {
        node.visibleProperty().bind(when);
        node.managedProperty().bind(node.visibleProperty());
    }
}
