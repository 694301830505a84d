package io.timetravel.gui;

import io.timetravel.domain.Ids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.event.ActionEvent;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextInputDialog;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** {@link DialogService} with real JavaFX dialogs, owned by the workbench window and in its style. */
@ViewSide
public final class FxDialogService implements DialogService {

    private final Supplier<Window> owner;

    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Long> askUserId(String message) {
        TextInputDialog dialog = new TextInputDialog();
        dialog.setTitle(Messages.get("user.title"));
        dialog.setHeaderText(message);
        dialog.setContentText(Messages.get("user.prompt"));
        prepare(dialog);
        Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> Ids.parsePositiveLong(dialog.getEditor().getText().strip()) <= 0, dialog.getEditor().textProperty()));
        return dialog.showAndWait().map(text -> Ids.parsePositiveLong(text.strip())).filter(id -> id > 0);
    }

    @Override
    public void showError(String title, String message) {
        alert(Alert.AlertType.ERROR, title, message).showAndWait();
    }

    @Override
    public void showInfo(String title, String message) {
        alert(Alert.AlertType.INFORMATION, title, message).showAndWait();
    }

    @Override
    public boolean confirm(String title, String message) {
        return alert(Alert.AlertType.CONFIRMATION, title, message).showAndWait().filter(ButtonType.OK::equals).isPresent();
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String suggestedName, String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("*" + extension, "*" + extension));
        return Optional.ofNullable(chooser.showSaveDialog(owner.get())).map(java.io.File::toPath);
    }

    @Override
    public boolean showForm(FormSpec form) {
        FXMLLoader loader = new FXMLLoader(FxDialogService.class.getResource(form.fxml()), Messages.BUNDLE);
        loader.setControllerFactory(type -> form.controller().get());
        Parent content;
        try {
            content = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + form.fxml(), e);
        }
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(form.title());
        ButtonType submit = new ButtonType(form.okText(), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(submit, ButtonType.CANCEL);
        dialog.getDialogPane().setContent(content);
        prepare(dialog);
        Button ok = (Button) dialog.getDialogPane().lookupButton(submit);
        ok.disableProperty().bind(javafx.beans.binding.Bindings.not(form.valid()));
        ok.addEventFilter(ActionEvent.ACTION, event -> {
            if (!form.submit().get()) {
                event.consume(); // keep the dialog open: the form shows why
            }
        });
        return dialog.showAndWait().filter(submit::equals).isPresent();
    }

    private Alert alert(Alert.AlertType type, String title, String message) {
        Alert alert = new Alert(type, message);
        alert.setTitle(title);
        alert.setHeaderText(null);
        prepare(alert);
        return alert;
    }

    private void prepare(Dialog<?> dialog) {
        Window window = owner.get();
        if (window != null) {
            dialog.initOwner(window);
            DialogPane pane = dialog.getDialogPane();
            pane.getStylesheets().setAll(window.getScene().getStylesheets());
        }
        dialog.setResizable(true);
    }
}
