package io.timetravel.gui;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything a view model may ask of the user through a dialog. View models call this, never
 * JavaFX dialogs, so they test without a screen; {@link FxDialogService} shows real ones.
 */
public interface DialogService {

    /** Asks for the user id of the person at the desk; empty if they cancel. */
    Optional<Long> askUserId(String message);

    void showError(String title, String message);

    void showInfo(String title, String message);

    boolean confirm(String title, String message);

    /**
     * Shows a form (an FXML layout whose controller is made by {@code controller}) in a dialog
     * with OK and Cancel; OK is enabled only while {@code form.valid()} holds, and then
     * {@code form.submit()} decides whether the dialog may close. Returns whether it was submitted.
     */
    boolean showForm(FormSpec form);

    /**
     * Asks where to save a file: a save dialog offering {@code suggestedName} and files ending in
     * {@code extension} (such as {@code ".csv"}); empty if the user cancels.
     */
    Optional<Path> chooseSaveFile(String title, String suggestedName, String extension);
}
