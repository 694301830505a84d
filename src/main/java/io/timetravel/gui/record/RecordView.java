package io.timetravel.gui.record;

import io.timetravel.gui.ActionGuards;
import io.timetravel.gui.RecordTab;
import io.timetravel.gui.Visibility;
import io.timetravel.gui.WorkbenchCommand;
import io.timetravel.gui.history.HistoryView;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
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
    private Node editGuard;
    @FXML
    private Node restoreGuard;
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
    @FXML
    private Tab premiumTab;
    /** The History tab's controller (of the included History.fxml), for its selected event. */
    @FXML
    private HistoryView historyController;
    @FXML
    private ProgressIndicator loadingIndicator;
    @FXML
    private Label problemLabel;

    public RecordView(RecordViewModel viewModel, RecordActions actions) {
        this.viewModel = viewModel;
        this.actions = actions;
    }

    @FXML
    private void initialize() {
        titleLabel.textProperty().bind(viewModel.titleProperty());
        subtitleLabel.textProperty().bind(viewModel.subtitleProperty());
        Visibility.showWhile(loadingIndicator, viewModel.loadingProperty());
        problemLabel.textProperty().bind(viewModel.problemProperty());
        Visibility.showWhile(problemLabel, viewModel.problemProperty().isNotEmpty());
        editButton.disableProperty().bind(viewModel.canChange().not());
        restoreButton.disableProperty().bind(viewModel.canChange().not());
        ActionGuards.explainWhenBlocked(editGuard, viewModel.changeBlockedProperty());
        ActionGuards.explainWhenBlocked(restoreGuard, viewModel.changeBlockedProperty());
        tabs.visibleProperty().bind(viewModel.hasRecord());
        emptyState.visibleProperty().bind(viewModel.hasRecord().not());
        viewModel.requestedTabProperty().addListener((observable, old, tab) -> {
            if (tab != null) {
                tabs.getSelectionModel().select(tab(tab));
            }
        });
        viewModel.commandProperty().addListener((observable, old, command) -> {
            if (command != null && viewModel.hasRecord().get()) {
                obey(command);
            }
        });
    }

    /**
     * Ctrl+J puts the keyboard in the timeline's jump-to date; Ctrl+Shift+J does so on the
     * transaction-time axis, for "the record as known on date X" (the axis switch follows):
     * from the list that view is then a date and Enter away.
     */
    private void jumpTo(boolean asKnown) {
        if (!viewModel.recordsVisible() || !viewModel.hasRecord().get()) {
            return;
        }
        if (asKnown) {
            viewModel.showAsKnown();
        }
        tabs.getSelectionModel().select(timelineTab);
        Node field = timelineTab.getContent() == null ? null : timelineTab.getContent().lookup("#jumpDate");
        if (field != null) {
            field.requestFocus();
        }
    }

    /** The Record menu's commands (Ctrl+E, Ctrl+R, Ctrl+D, Ctrl+H); Edit and Restore only when allowed. */
    private void obey(WorkbenchCommand command) {
        switch (command) {
            case EDIT -> {
                if (!editButton.isDisabled()) {
                    edit();
                }
            }
            case RESTORE -> {
                if (!restoreButton.isDisabled()) {
                    restore();
                }
            }
            case JUMP_TO -> jumpTo(false);
            case JUMP_AS_KNOWN -> jumpTo(true);
            case DIFF -> {
                // From the timeline, Ctrl+D compares its position with the newest version.
                if (tabs.getSelectionModel().getSelectedItem() == timelineTab) {
                    viewModel.compareTimelineWithLatest();
                }
                viewModel.showTab(RecordTab.DIFF);
            }
            case HISTORY -> viewModel.showTab(RecordTab.HISTORY);
            default -> {
                // Not about the record.
            }
        }
    }

    private Tab tab(RecordTab tab) {
        return switch (tab) {
            case TIMELINE -> timelineTab;
            case DIFF -> diffTab;
            case HISTORY -> historyTab;
            case PREMIUM -> premiumTab;
        };
    }

    @FXML
    private void edit() {
        actions.edit(viewModel.latestProperty().get(), viewModel.maskedFields());
    }

    @FXML
    private void restore() {
        boolean historyShowing = tabs.getSelectionModel().getSelectedItem() == historyTab;
        actions.restore(viewModel.latestProperty().get(), viewModel.versionCount(),
                viewModel.restoreSuggestion(historyShowing ? historyController.selectedVersion() : null));
    }
}
