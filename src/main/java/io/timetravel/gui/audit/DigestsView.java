package io.timetravel.gui.audit;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The controller of the Audit view's digests tab: binds the table of the ledger's signed digests
 * and its status line to {@link DigestsViewModel}. The Audit view reads them when the tab first
 * shows and on refresh.
 */
public final class DigestsView {

    private final DigestsViewModel digests;

    @FXML
    private TableView<DigestsViewModel.DigestRow> digestsTable;
    @FXML
    private TableColumn<DigestsViewModel.DigestRow, String> digestLineColumn;
    @FXML
    private TableColumn<DigestsViewModel.DigestRow, String> digestTakenColumn;
    @FXML
    private TableColumn<DigestsViewModel.DigestRow, String> digestLaneColumn;
    @FXML
    private TableColumn<DigestsViewModel.DigestRow, String> digestEntriesColumn;
    @FXML
    private TableColumn<DigestsViewModel.DigestRow, DigestsViewModel.DigestRow> digestSignatureColumn;
    @FXML
    private TableColumn<DigestsViewModel.DigestRow, String> digestKeyColumn;
    @FXML
    private TableColumn<DigestsViewModel.DigestRow, String> digestHeadColumn;
    @FXML
    private Label digestsStatus;

    public DigestsView(DigestsViewModel digests) {
        this.digests = digests;
    }

    @FXML
    private void initialize() {
        digestLineColumn.setCellValueFactory(cell -> CellText.of(String.valueOf(cell.getValue().line())));
        digestTakenColumn.setCellValueFactory(cell -> CellText.of(cell.getValue().taken()));
        digestLaneColumn.setCellValueFactory(cell -> CellText.of(cell.getValue().lane() < 0 ? "" : String.valueOf(cell.getValue().lane())));
        digestEntriesColumn.setCellValueFactory(
                cell -> CellText.of(cell.getValue().entries() < 0 ? "" : CellText.grouped(cell.getValue().entries())));
        digestSignatureColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        digestSignatureColumn.setCellFactory(column -> new DigestSignatureCell());
        digestKeyColumn.setCellValueFactory(cell -> CellText.of(cell.getValue().keyId()));
        digestHeadColumn.setCellValueFactory(cell -> CellText.of(cell.getValue().head()));
        digestHeadColumn.getStyleClass().add("hash-column");
        digestsTable.setItems(digests.rows());
        digestsStatus.textProperty().bind(digests.statusProperty());
    }

    @FXML
    private void refreshDigests() {
        digests.refresh();
    }
}
