package io.timetravel.gui.record;

import io.timetravel.gui.RecordTab;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/** The record pane's controller: the header, the Edit and Restore actions, the tabs. */
public final class RecordView {

    private final RecordViewModel viewModel;
    private final RecordActions actions;

    @FXML
    private Label titleLabel;
    @FXML
    private Label subtitleLabel;
    @FXML
    private Button editButton;
    @FXML
    private Button restoreButton;
    @FXML
    private TabPane tabs;
    @FXML
    private Node emptyState;
    @FXML
    private Tab timelineTab;
    @FXML
    private Tab diffTab;
    @FXML
    private Tab historyTab;

    public RecordView(RecordViewModel viewModel, RecordActions actions) {
        this.viewModel = viewModel;
        this.actions = actions;
    }

    @FXML
    private void initialize() {
        titleLabel.textProperty().bind(viewModel.titleProperty());
        subtitleLabel.textProperty().bind(viewModel.subtitleProperty());
        editButton.disableProperty().bind(viewModel.canChange().not());
        restoreButton.disableProperty().bind(viewModel.canChange().not());
        tabs.visibleProperty().bind(viewModel.hasRecord());
        emptyState.visibleProperty().bind(viewModel.hasRecord().not());
        viewModel.requestedTabProperty().addListener((observable, old, tab) -> {
            if (tab != null) {
                tabs.getSelectionModel().select(tab(tab));
            }
        });
    }

    private Tab tab(RecordTab tab) {
        return switch (tab) {
            case TIMELINE -> timelineTab;
            case DIFF -> diffTab;
            case HISTORY -> historyTab;
        };
    }

    @FXML
    private void edit() {
        actions.edit(viewModel.latestProperty().get());
    }

    @FXML
    private void restore() {
        actions.restore(viewModel.latestProperty().get(), viewModel.versionCount());
    }
}
