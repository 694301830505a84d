package io.timetravel.gui;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/**
 * Says why an action is disabled: a disabled button shows no tooltip, so the reason goes on its
 * guard (the container around it), and to screen readers as the guard's accessible help.
 */
@ViewSide
public final class ActionGuards {

    private ActionGuards() {
    }

    /** Puts {@code reason} (empty when the action is allowed) on {@code guard}, as it changes. */
    public static void explainWhenBlocked(Node guard, ObservableStringValue reason) {
        Tooltip why = new Tooltip();
        why.setShowDelay(Duration.millis(300));
        why.textProperty().bind(reason);
        Runnable update = () -> {
            guard.setAccessibleHelp(reason.get());
            if (reason.get().isEmpty()) {
                Tooltip.uninstall(guard, why);
            } else {
                Tooltip.install(guard, why);
            }
        };
        reason.addListener((observable, old, text) -> update.run());
        update.run();
    }
}
