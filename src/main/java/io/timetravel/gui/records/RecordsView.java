package io.timetravel.gui.records;

import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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

    public RecordsView(RecordsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        idColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().id()));
        nameColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().name()));
        regionColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().region()));
        versionsColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().versions()));
        lastChangeColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().lastChange()));
        table.setItems(viewModel.rows());

        searchField.textProperty().bindBidirectional(viewModel.searchProperty());
        regionBox.setItems(viewModel.regions());
        regionBox.valueProperty().bindBidirectional(viewModel.regionProperty());
        summaryLabel.textProperty().bind(viewModel.summaryProperty());
        loadingIndicator.visibleProperty().bind(viewModel.loadingProperty());
        loadingIndicator.managedProperty().bind(loadingIndicator.visibleProperty());

        // Search as the user types, once they pause.
        PauseTransition pause = new PauseTransition(Duration.millis(250));
        pause.setOnFinished(event -> viewModel.refresh());
        searchField.textProperty().addListener((observable, old, text) -> pause.playFromStart());
        regionBox.valueProperty().addListener((observable, old, value) -> viewModel.refresh());
        viewModel.refresh();
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
