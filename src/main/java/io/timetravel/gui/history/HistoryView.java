package io.timetravel.gui.history;

import io.timetravel.gui.DeskTables;
import io.timetravel.gui.GraphicCell;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Visibility;
import io.timetravel.gui.diff.FieldRow;
import io.timetravel.gui.diff.FieldTable;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;

/**
 * The history tab's controller: the events table (newest first), the selected event's old and
 * new values, and the buttons that hand versions to the diff.
 */
public final class HistoryView {

    private final HistoryViewModel viewModel;

    @FXML
    private TableView<HistoryRow> historyTable;
    @FXML
    private TableColumn<HistoryRow, Long> versionColumn;
    @FXML
    private TableColumn<HistoryRow, HistoryRow> operationColumn;
    @FXML
    private TableColumn<HistoryRow, String> actorColumn;
    @FXML
    private TableColumn<HistoryRow, String> recordedColumn;
    @FXML
    private TableColumn<HistoryRow, HistoryRow> effectiveColumn;
    @FXML
    private TableColumn<HistoryRow, String> reasonColumn;
    @FXML
    private Label placeholderLabel;
    @FXML
    private Button compareButton;
    @FXML
    private Button setAButton;
    @FXML
    private Button setBButton;
    @FXML
    private Label pairLabel;
    @FXML
    private Label detailTitle;
    @FXML
    private Label detailFacts;
    @FXML
    private TableView<FieldRow> detailTable;
    @FXML
    private Label detailPlaceholder;
    @FXML
    private ProgressBar loadingProgress;
    @FXML
    private Label statusLabel;

    public HistoryView(HistoryViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        versionColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().version()));
        versionColumn.setCellFactory(column -> new VersionCell());
        operationColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        operationColumn.setComparator((a, b) -> a.operation().compareTo(b.operation()));
        operationColumn.setCellFactory(column -> new OperationCell());
        actorColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().actor()));
        recordedColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().recorded()));
        effectiveColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        effectiveColumn.setComparator((a, b) -> a.entry().effectiveAt().compareTo(b.entry().effectiveAt()));
        effectiveColumn.setCellFactory(column -> new EffectiveCell());
        reasonColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().reason()));
        // The reason on one line, whole in a tooltip.
        reasonColumn.setCellFactory(column -> DeskTables.textWithTooltip(420));

        // Newest first; pages of older events then arrive at the bottom, out of the reader's way.
        SortedList<HistoryRow> sorted = new SortedList<>(viewModel.rows());
        sorted.comparatorProperty().bind(historyTable.comparatorProperty());
        historyTable.setItems(sorted);
        versionColumn.setSortType(TableColumn.SortType.DESCENDING);
        historyTable.getSortOrder().add(versionColumn);
        historyTable.setRowFactory(view -> eventRow());
        placeholderLabel.textProperty().bind(viewModel.placeholderProperty());

        historyTable.getSelectionModel().selectedItemProperty().addListener((observable, old, row) -> viewModel.selectedProperty().set(row));
        viewModel.selectedProperty().addListener((observable, old, row) -> {
            if (row == null) {
                historyTable.getSelectionModel().clearSelection();
            } else if (row != historyTable.getSelectionModel().getSelectedItem()) {
                historyTable.getSelectionModel().select(row);
            }
        });
        // The A and B marks follow the diff's pair wherever it is set.
        viewModel.diffFromProperty().addListener((observable, old, version) -> historyTable.refresh());
        viewModel.diffToProperty().addListener((observable, old, version) -> historyTable.refresh());

        compareButton.disableProperty().bind(viewModel.canCompareProperty().not());
        setAButton.disableProperty().bind(viewModel.canPickProperty().not());
        setBButton.disableProperty().bind(viewModel.canPickProperty().not());
        compareButton.setTooltip(new Tooltip(Messages.get("history.compareHint")));
        setAButton.setTooltip(new Tooltip(Messages.get("history.setAHint")));
        setBButton.setTooltip(new Tooltip(Messages.get("history.setBHint")));
        pairLabel.textProperty().bind(viewModel.pairProperty());

        FieldTable.configure(detailTable);
        detailTable.setItems(viewModel.detailRows());
        detailTitle.textProperty().bind(viewModel.detailTitleProperty());
        detailFacts.textProperty().bind(viewModel.detailFactsProperty());
        Visibility.showWhile(detailFacts, viewModel.detailFactsProperty().isNotEmpty());
        detailPlaceholder.textProperty().bind(Bindings.when(viewModel.selectedProperty().isNull())
                .then(Messages.get("history.selectHint")).otherwise(Messages.get("history.noFields")));

        loadingProgress.progressProperty().bind(viewModel.progressProperty());
        Visibility.showWhile(loadingProgress, viewModel.loadingProperty());
        statusLabel.textProperty().bind(viewModel.statusProperty());
    }

    /** A row that compares on double click and offers the three actions on right click. */
    private TableRow<HistoryRow> eventRow() {
        TableRow<HistoryRow> row = new TableRow<>();
        MenuItem compare = new MenuItem(Messages.get("history.compare"));
        compare.setOnAction(event -> viewModel.compareWithPrevious());
        compare.disableProperty().bind(viewModel.canCompareProperty().not());
        MenuItem setA = new MenuItem(Messages.get("history.setA"));
        setA.setOnAction(event -> viewModel.setAsA());
        MenuItem setB = new MenuItem(Messages.get("history.setB"));
        setB.setOnAction(event -> viewModel.setAsB());
        ContextMenu menu = new ContextMenu(compare, new SeparatorMenuItem(), setA, setB);
        row.contextMenuProperty().bind(Bindings.when(row.emptyProperty())
                .then((ContextMenu) null).otherwise(menu));
        row.setOnMouseClicked(event -> {
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && !row.isEmpty()) {
                viewModel.compareWithPrevious();
            }
        });
        return row;
    }

    /** The version of the event selected in the table, or {@code null}: what Restore offers from this tab. */
    public Long selectedVersion() {
        HistoryRow row = viewModel.selectedProperty().get();
        return row == null ? null : row.version();
    }

    @FXML
    private void compare() {
        viewModel.compareWithPrevious();
    }

    @FXML
    private void setA() {
        viewModel.setAsA();
    }

    @FXML
    private void setB() {
        viewModel.setAsB();
    }

    /** The version number, with an A or B mark when the diff compares it. */
    private final class VersionCell extends GraphicCell<HistoryRow, Long> {
        private final Label number = new Label();
        private final Label mark = new Label();
        private final HBox box = new HBox(6, number, mark);

        VersionCell() {
            getStyleClass().add("version-cell");
            box.getStyleClass().add("version-box");
        }

        @Override
        protected void show(Long version) {
            number.setText(version.toString());
            boolean a = Objects.equals(version, viewModel.diffFromProperty().get());
            boolean b = Objects.equals(version, viewModel.diffToProperty().get());
            mark.setText(a && b ? "A B" : a ? "A" : b ? "B" : "");
            mark.getStyleClass().setAll("label", "pair-mark", a ? "side-a" : "side-b");
            mark.setVisible(a || b);
            setGraphic(box);
        }
    }

    /** The operation as a small coloured tag. */
    private static final class OperationCell extends GraphicCell<HistoryRow, HistoryRow> {
        private final Label tag = new Label();

        @Override
        protected void show(HistoryRow row) {
            tag.setText(row.operation());
            tag.getStyleClass().setAll("label", "op-tag", "op-" + row.operationKind().name().toLowerCase(Locale.ROOT));
            setGraphic(tag);
        }
    }

    /** The effective time, tagged when it lies before the recorded time. */
    private static final class EffectiveCell extends GraphicCell<HistoryRow, HistoryRow> {
        private final Label time = new Label();
        private final Label tag = new Label(Messages.get("history.backdated"));
        private final HBox box = new HBox(6, time, tag);
        private final Tooltip tooltip = new Tooltip();

        EffectiveCell() {
            tag.getStyleClass().add("backdated-tag");
            box.getStyleClass().add("effective-box");
        }

        @Override
        protected void show(HistoryRow row) {
            time.setText(row.effective());
            tag.setVisible(row.backdated());
            tag.setManaged(row.backdated());
            if (row.backdated()) {
                tooltip.setText(Messages.get("history.backdatedHint", row.effectiveExactly(), row.recordedExactly()));
                setTooltip(tooltip);
            } else {
                setTooltip(null);
            }
            setGraphic(box);
        }
    }
}
