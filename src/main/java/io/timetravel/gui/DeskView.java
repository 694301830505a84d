package io.timetravel.gui;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The workbench's views, one tab each in the window, in the order of the View menu: Ctrl+1 is the
 * first. A view asks for another through {@link WorkspaceState#showView}.
 */
@ViewSide
public enum DeskView {
    RECORDS("view.records", KeyCode.DIGIT1),
    AUDIT("view.audit", KeyCode.DIGIT2),
    FLAGS("view.flags", KeyCode.DIGIT3),
    SNAPSHOTS("view.snapshots", KeyCode.DIGIT4),
    DASHBOARD("view.dashboard", KeyCode.DIGIT5),
    ACCESS("view.access", KeyCode.DIGIT6),
    RECALCULATIONS("view.recalculations", KeyCode.DIGIT7);

    private final String messageKey;
    private final KeyCode digit;

    DeskView(String messageKey, KeyCode digit) {
        this.messageKey = messageKey;
        this.digit = digit;
    }

    /** The view's name as the View menu and its tab show it. */
    public String title() {
        return Messages.get(messageKey);
    }

    /** Ctrl+1 … Ctrl+7 (Cmd on macOS). */
    public KeyCombination accelerator() {
        return new KeyCodeCombination(digit, KeyCombination.SHORTCUT_DOWN);
    }
}
