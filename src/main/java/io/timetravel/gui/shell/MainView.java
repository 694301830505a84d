package io.timetravel.gui.shell;

import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;

/** The window frame's controller: menus and the status bar. */
public final class MainView {

    private final MainViewModel viewModel;

    @FXML
    private Label databaseLabel;
    @FXML
    private Label listenerLabel;
    @FXML
    private Label userLabel;
    @FXML
    private Label workLabel;
    @FXML
    private ProgressBar workProgress;

    public MainView(MainViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        databaseLabel.textProperty().bind(viewModel.databaseProperty());
        listenerLabel.textProperty().bind(viewModel.listenerProperty());
        userLabel.textProperty().bind(viewModel.userProperty());
        workLabel.textProperty().bind(viewModel.workProperty());
        workProgress.progressProperty().bind(viewModel.progressProperty());
        workProgress.visibleProperty().bind(viewModel.busyProperty());
        workProgress.managedProperty().bind(workProgress.visibleProperty());
        if (viewModel.listenerDown()) {
            listenerLabel.getStyleClass().add("warning");
        }
    }

    @FXML
    private void loadSampleData() {
        viewModel.loadSampleData();
    }

    @FXML
    private void changeUser() {
        viewModel.changeUser();
    }

    @FXML
    private void quit() {
        Platform.exit();
    }
}
