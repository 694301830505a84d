package io.timetravel.gui.records;

import io.timetravel.gui.DeskView;
import io.timetravel.gui.Formats;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Visibility;
import io.timetravel.gui.WorkbenchCommand;
import io.timetravel.gui.WorkspaceState;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.util.Duration;

/** The record list's controller: binds the table and the search controls to the view model. */
public final class RecordsView {

    private final RecordsViewModel viewModel;

    @FXML
    private TextField searchField;
    @FXML
    private ComboBox<String> regionBox;
    @FXML
    private TableView<RecordRow> table;
    @FXML
    private TableColumn<RecordRow, Long> idColumn;
    @FXML
    private TableColumn<RecordRow, String> nameColumn;
    @FXML
    private TableColumn<RecordRow, String> regionColumn;
    @FXML
    private TableColumn<RecordRow, Long> versionsColumn;
    @FXML
    private TableColumn<RecordRow, String> lastChangeColumn;
    @FXML
    private Label summaryLabel;
    @FXML
    private ProgressIndicator loadingIndicator;

    private final WorkspaceState state;

    public RecordsView(RecordsViewModel viewModel, WorkspaceState state) {
        this.viewModel = viewModel;
        this.state = state;
    }

    @FXML
    private void initialize() {
        columns();
        search();
        followSelection();
        showChangesMadeElsewhere();
        state.commandProperty().addListener((observable, old, command) -> {
            if (command != null && state.visibleViewProperty().get() == DeskView.RECORDS) {
                obey(command);
            }
        });
        viewModel.refresh();
    }

    private void columns() {
        idColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().id()));
        nameColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().name()));
        regionColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().region()));
        versionsColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().versions()));
        versionsColumn.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(Long versions, boolean empty) {
                super.updateItem(versions, empty);
                setText(empty || versions == null ? null : Formats.exactNumber(versions.toString()));
            }
        });
        lastChangeColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().lastChange()));
        table.setItems(viewModel.rows());
    }

    /** The search box and the region filter, and what they found: the text is searched once the user pauses. */
    private void search() {
        searchField.textProperty().bindBidirectional(viewModel.searchProperty());
        regionBox.setItems(viewModel.regions());
        regionBox.valueProperty().bindBidirectional(viewModel.regionProperty());
        // Left enabled (showing only "All regions") so that the tooltip saying why can show.
        Tooltip regionsMasked = new Tooltip(Messages.get("records.regionsMasked"));
        viewModel.regionsMaskedProperty().addListener((observable, old, masked) -> regionBox.setTooltip(masked ? regionsMasked : null));
        summaryLabel.textProperty().bind(viewModel.summaryProperty());
        Visibility.showWhile(loadingIndicator, viewModel.loadingProperty());

        // Search as the user types, once they pause.
        PauseTransition pause = new PauseTransition(Duration.millis(250));
        pause.setOnFinished(event -> viewModel.refresh());
        searchField.textProperty().addListener((observable, old, text) -> pause.playFromStart());
        regionBox.valueProperty().addListener((observable, old, value) -> viewModel.refresh());

        // Enter opens the first match (typed text is searched first if the pause has not passed).
        searchField.setOnAction(event -> {
            pause.stop();
            viewModel.openFirstMatch();
        });
    }

    private void followSelection() {
        // The selection is the workspace's: every other view follows it, and the list follows a
        // record opened from elsewhere (the audit browser's "Open in timeline").
        table.getSelectionModel().selectedItemProperty().addListener((observable, old, row) -> {
            if (row != null) {
                state.selectedRecordProperty().set(row.id());
            }
        });
        state.selectedRecordProperty().addListener((observable, old, id) -> {
            if (id != null && viewModel.reveal(id)) {
                reselect();
            }
        });
        // The table clears its selection when its items are replaced, possibly after this listener
        // runs; re-select once it has handled the change.
        viewModel.rows().addListener((javafx.collections.ListChangeListener<RecordRow>) change -> Platform.runLater(this::reselect));
    }

    private void showChangesMadeElsewhere() {
        // Changes made anywhere (the API, sample data) show up without a refresh: gathered for at
        // most 300 ms, then applied together. Not restarted by each change, so a steady stream of
        // writes still shows.
        PauseTransition gather = new PauseTransition(Duration.millis(300));
        gather.setOnFinished(event -> viewModel.applyChanges());
        state.lastChangeProperty().addListener((observable, old, change) -> {
            viewModel.recordChanged(change.recordId());
            if (gather.getStatus() != Animation.Status.RUNNING) {
                gather.play();
            }
        });
    }

    /** Ctrl+F puts the keyboard in the search box, its text selected; F5 reloads the list. */
    private void obey(WorkbenchCommand command) {
        switch (command) {
            case FIND -> {
                searchField.requestFocus();
                searchField.selectAll();
            }
            case REFRESH -> viewModel.refresh();
            default -> {
                // Not about the list.
            }
        }
    }

    /** Keeps the selected record selected (and in view) when the list is reloaded or the record is opened elsewhere. */
    private void reselect() {
        Long selected = state.selectedRecordProperty().get();
        RecordRow shown = table.getSelectionModel().getSelectedItem();
        if (selected != null && (shown == null || shown.id() != selected)) {
            viewModel.row(selected).ifPresent(row -> {
                table.getSelectionModel().select(row);
                scrollIntoView(table.getSelectionModel().getSelectedIndex());
            });
        }
    }

    /** Scrolls to {@code index} only when that row is not already on screen, so the list does not jump. */
    private void scrollIntoView(int index) {
        if (index < 0) {
            return;
        }
        VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
        if (flow != null && flow.getFirstVisibleCell() != null && flow.getLastVisibleCell() != null
                && index > flow.getFirstVisibleCell().getIndex() && index < flow.getLastVisibleCell().getIndex()) {
            return;
        }
        table.scrollTo(Math.max(0, index - 3));
    }

    @FXML
    private void clearRegion() {
        viewModel.regionProperty().set(null);
    }

    @FXML
    private void refresh() {
        viewModel.refresh();
    }

    public TableView<RecordRow> table() {
        return table;
    }
}
