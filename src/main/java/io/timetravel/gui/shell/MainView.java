package io.timetravel.gui.shell;

import io.timetravel.gui.Messages;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;

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
    private MenuItem sampleDataItem;
    @FXML
    private MenuItem changeUserItem;
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
        Tooltip userTip = new Tooltip();
        userTip.textProperty().bind(viewModel.userDetailProperty());
        userTip.setWrapText(true);
        userTip.setMaxWidth(420);
        userLabel.setTooltip(userTip);
        // Menu items have no tooltips: a forbidden one is disabled and says why in its own text.
        sampleDataItem.disableProperty().bind(viewModel.canLoadSampleDataProperty().not());
        sampleDataItem.textProperty().bind(Bindings.createStringBinding(() -> viewModel.canLoadSampleDataProperty().get()
                ? Messages.get("menu.sampleData")
                : Messages.get("menu.blocked", Messages.get("menu.sampleData"), viewModel.sampleDataBlockedProperty().get()),
                viewModel.canLoadSampleDataProperty(), viewModel.sampleDataBlockedProperty()));
        changeUserItem.textProperty().bind(Bindings.when(viewModel.fromOsAccountProperty())
                .then(Messages.get("menu.userFromOs")).otherwise(Messages.get("menu.changeUser")));
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
