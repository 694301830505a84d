package io.timetravel.gui.snapshots;

import io.timetravel.gui.ActionGuards;
import io.timetravel.gui.DeskTables;
import io.timetravel.gui.GraphicCell;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Polling;
import io.timetravel.gui.Visibility;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The Snapshots view's controller: binds the list, the selected snapshot and the last export's
 * check to {@link SnapshotsViewModel}, and polls the list every half second while a job runs.
 */
public final class SnapshotsView {

    private final SnapshotsViewModel viewModel;

    @FXML
    private ProgressIndicator loadingIndicator;
    @FXML
    private TextField filterField;
    @FXML
    private Node takeGuard;
    @FXML
    private Button takeButton;
    @FXML
    private Node exportGuard;
    @FXML
    private Button exportButton;
    @FXML
    private Label messageLabel;
    @FXML
    private TableView<SnapshotRow> snapshotsTable;
    @FXML
    private TableColumn<SnapshotRow, Long> idColumn;
    @FXML
    private TableColumn<SnapshotRow, String> atColumn;
    @FXML
    private TableColumn<SnapshotRow, String> asOfColumn;
    @FXML
    private TableColumn<SnapshotRow, String> reasonColumn;
    @FXML
    private TableColumn<SnapshotRow, String> byColumn;
    @FXML
    private TableColumn<SnapshotRow, SnapshotRow> statusColumn;
    @FXML
    private TableColumn<SnapshotRow, Long> recordsColumn;
    @FXML
    private TableColumn<SnapshotRow, Long> sizeColumn;
    @FXML
    private TableColumn<SnapshotRow, String> shaColumn;
    @FXML
    private Label placeholderLabel;
    @FXML
    private VBox detailCard;
    @FXML
    private Label detailTitle;
    @FXML
    private Label detailFacts;
    @FXML
    private TextField detailSha;
    @FXML
    private VBox exportCard;
    @FXML
    private Label exportTitle;
    @FXML
    private ProgressBar exportProgress;
    @FXML
    private TextField recordedSha;
    @FXML
    private TextField writtenSha;
    @FXML
    private TextField readBackSha;
    @FXML
    private Label verdictLabel;
    @FXML
    private Label statusLabel;

    public SnapshotsView(SnapshotsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        table();
        detail();
        exportCheck();
        filterField.textProperty().bindBidirectional(viewModel.filterProperty());
        DeskTables.filter(filterField, snapshotsTable, viewModel.shown(), viewModel.focusRequestProperty());
        loadingIndicator.visibleProperty().bind(viewModel.jobs().loadingProperty());
        takeButton.disableProperty().bind(viewModel.canTakeProperty().not());
        exportButton.disableProperty().bind(viewModel.canExportProperty().not());
        ActionGuards.explainWhenBlocked(takeGuard, viewModel.takeBlockedProperty());
        ActionGuards.explainWhenBlocked(exportGuard, viewModel.exportBlockedProperty());
        messageLabel.textProperty().bind(viewModel.messageProperty());
        Visibility.showWhile(messageLabel, viewModel.messageProperty().isNotEmpty());
        statusLabel.textProperty().bind(viewModel.statusProperty());
        Polling.whileRunning(viewModel.jobs().runningProperty(), viewModel.jobs()::poll);
    }

    private void table() {
        NumberFormat grouped = NumberFormat.getIntegerInstance(Locale.ROOT);
        grouped.setGroupingUsed(true);
        idColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().id()));
        idColumn.setCellFactory(column -> DeskTables.formatted(Object::toString));
        atColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().at()));
        asOfColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().asOf()));
        reasonColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().snapshot().reason()));
        reasonColumn.setCellFactory(column -> DeskTables.textWithTooltip());
        byColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().requestedBy()));
        statusColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        statusColumn.setComparator((a, b) -> a.status().compareTo(b.status()));
        statusColumn.setCellFactory(column -> new StatusCell());
        recordsColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().snapshot().recordCount()));
        recordsColumn.setCellFactory(column -> DeskTables.formatted(grouped::format));
        sizeColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().byteSize()));
        sizeColumn.setCellFactory(column -> DeskTables.formatted(grouped::format));
        shaColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().sha256()));
        shaColumn.setCellFactory(column -> {
            TableCell<SnapshotRow, String> cell = DeskTables.<SnapshotRow>textWithTooltip();
            cell.getStyleClass().add("sha-column");
            return cell;
        });
        snapshotsTable.setItems(viewModel.shown());
        placeholderLabel.textProperty().bind(Bindings.when(viewModel.jobs().loadingProperty())
                .then(Messages.get("snapshots.loading")).otherwise(Messages.get("snapshots.none")));
        snapshotsTable.getSelectionModel().selectedItemProperty().addListener((observable, old, row) -> {
            if (row != null || viewModel.shown().isEmpty()) {
                viewModel.selectedProperty().set(row);
            }
        });
        viewModel.selectedProperty().addListener((observable, old, row) -> {
            if (row == null) {
                snapshotsTable.getSelectionModel().clearSelection();
            } else if (!row.equals(snapshotsTable.getSelectionModel().getSelectedItem())) {
                snapshotsTable.getSelectionModel().select(row);
                snapshotsTable.scrollTo(row);
            }
        });
        // Enter on a snapshot exports it (when it can be).
        snapshotsTable.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ENTER) {
                viewModel.exportSelected();
                event.consume();
            }
        });
    }

    private void detail() {
        detailTitle.textProperty().bind(Bindings.createStringBinding(() -> {
            SnapshotRow row = viewModel.selectedProperty().get();
            return row == null ? Messages.get("snapshots.selectHint") : Messages.get("snapshots.detailTitle", row.id(), row.statusText());
        }, viewModel.selectedProperty()));
        detailFacts.textProperty().bind(Bindings.createStringBinding(() -> facts(viewModel.selectedProperty().get()),
                viewModel.selectedProperty()));
        detailSha.textProperty().bind(Bindings.createStringBinding(() -> viewModel.selectedProperty().get() == null
                ? "" : viewModel.selectedProperty().get().sha256(), viewModel.selectedProperty()));
    }

    private static String facts(SnapshotRow row) {
        if (row == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(Messages.get("snapshots.detailFacts", row.atExactly(), row.asOfExactly(), row.requestedAt(),
                row.requestedBy(), row.snapshot().reason()));
        if (row.snapshot().masked()) {
            text.append(' ').append(Messages.get("snapshots.detailMasked"));
        }
        if (row.snapshot().error() != null) {
            text.append(' ').append(Messages.get("snapshots.detailError", row.snapshot().error()));
        }
        if (row.exportable()) {
            text.append(' ').append(Messages.get("snapshots.detailExpires", row.expiresAt()));
        }
        return text.toString();
    }

    private void exportCheck() {
        Visibility.showWhile(exportCard, viewModel.exportingProperty().or(viewModel.lastExportProperty().isNotNull()));
        exportProgress.progressProperty().bind(viewModel.exportProgressProperty());
        exportTitle.textProperty().bind(Bindings.createStringBinding(() -> {
            ExportCheck check = viewModel.lastExportProperty().get();
            return check == null ? Messages.get("snapshots.exportRunning")
                    : Messages.get("snapshots.exportDone", check.snapshotId(), check.file(), check.bytes());
        }, viewModel.lastExportProperty()));
        bindSha(recordedSha, ExportCheck::recorded);
        bindSha(writtenSha, ExportCheck::written);
        bindSha(readBackSha, ExportCheck::readBack);
        verdictLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            ExportCheck check = viewModel.lastExportProperty().get();
            return check == null ? "" : Messages.get(check.verified() ? "snapshots.verdictVerified" : "snapshots.verdictMismatch");
        }, viewModel.lastExportProperty()));
        viewModel.lastExportProperty().addListener((observable, old, check) -> {
            verdictLabel.getStyleClass().removeAll("verified", "mismatch");
            if (check != null) {
                verdictLabel.getStyleClass().add(check.verified() ? "verified" : "mismatch");
            }
        });
    }

    private void bindSha(TextField field, Function<ExportCheck, String> digest) {
        field.textProperty().bind(Bindings.createStringBinding(() -> {
            ExportCheck check = viewModel.lastExportProperty().get();
            return check == null ? "" : digest.apply(check);
        }, viewModel.lastExportProperty()));
    }

    /** The status as a tag; with a progress bar while the job runs. */
    private static final class StatusCell extends GraphicCell<SnapshotRow, SnapshotRow> {
        private final Label tag = new Label();
        private final ProgressBar bar = new ProgressBar();
        private final HBox box = new HBox(8, tag, bar);

        StatusCell() {
            box.getStyleClass().add("status-box");
            bar.getStyleClass().add("snapshot-progress");
            bar.setPrefWidth(80);
        }

        @Override
        protected void show(SnapshotRow row) {
            tag.setText(row.statusText());
            tag.getStyleClass().setAll("label", "state-pill", "snapshot-status", "status-" + row.status().replace('_', '-'));
            bar.setVisible(row.running());
            bar.setManaged(row.running());
            bar.setProgress(row.progress() == null ? ProgressBar.INDETERMINATE_PROGRESS : row.progress());
            setGraphic(box);
        }
    }

    @FXML
    private void take() {
        viewModel.take();
    }

    @FXML
    private void export() {
        viewModel.exportSelected();
    }

    @FXML
    private void refresh() {
        viewModel.reload();
    }
}
