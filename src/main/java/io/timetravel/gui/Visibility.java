package io.timetravel.gui;

import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Labeled;

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

    /**
     * Shows {@code content} while the user may see it ({@code allowed}); otherwise, in its place,
     * {@code forbidden} saying why: {@code whyNot} in the message {@code messageKey}.
     */
    public static void allowedOrWhyNot(Node content, BooleanBinding allowed, Labeled forbidden, ObservableValue<String> whyNot,
                                       String messageKey) {
        forbidden.textProperty().bind(whyNot.map(why -> Messages.get(messageKey, why)));
        showWhile(forbidden, allowed.not());
        showWhile(content, allowed);
    }
}
