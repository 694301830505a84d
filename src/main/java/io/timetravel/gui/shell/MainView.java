package io.timetravel.gui.shell;

import javafx.fxml.FXML;
import javafx.scene.control.Label;

/** The window frame's controller: the status bar. */
public final class MainView {

    private final MainViewModel viewModel;

    @FXML
    private Label databaseLabel;
    @FXML
    private Label listenerLabel;

    public MainView(MainViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        databaseLabel.textProperty().bind(viewModel.databaseProperty());
        listenerLabel.textProperty().bind(viewModel.listenerProperty());
        if (viewModel.listenerDown()) {
            listenerLabel.getStyleClass().add("warning");
        }
    }
}
