package io.timetravel.gui.recalculations;

import io.timetravel.gui.ActionGuards;
import io.timetravel.gui.DeskTables;
import io.timetravel.gui.GraphicCell;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Polling;
import io.timetravel.gui.Visibility;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Recalculations view's controller: binds the form, the jobs (polled every half second while
 * one runs) and the selected job's result to {@link RecalculationsViewModel}.
 */
public final class RecalculationsView {

    private final RecalculationsViewModel viewModel;

    @FXML
    private ProgressIndicator loadingIndicator;
    @FXML
    private StackPane cancelGuard;
    @FXML
    private Button cancelButton;
    @FXML
    private Label messageLabel;
    @FXML
    private TextField atField;
    @FXML
    private Label atProblem;
    @FXML
    private TextField asOfField;
    @FXML
    private Label asOfProblem;
    @FXML
    private VBox enginesBox;
    @FXML
    private Label enginesProblem;
    @FXML
    private TextField thresholdField;
    @FXML
    private Label thresholdProblem;
    @FXML
    private TextField reasonField;
    @FXML
    private Label reasonProblem;
    @FXML
    private StackPane startGuard;
    @FXML
    private Button startButton;
    @FXML
    private Label startHint;
    @FXML
    private TableView<JobRow> jobsTable;
    @FXML
    private Label placeholderLabel;
    @FXML
    private TableColumn<JobRow, Long> idColumn;
    @FXML
    private TableColumn<JobRow, String> statusColumn;
    @FXML
    private TableColumn<JobRow, JobRow> progressColumn;
    @FXML
    private TableColumn<JobRow, String> requestedColumn;
    @FXML
    private TableColumn<JobRow, String> atColumn;
    @FXML
    private TableColumn<JobRow, String> asOfColumn;
    @FXML
    private TableColumn<JobRow, String> enginesColumn;
    @FXML
    private TableColumn<JobRow, String> reasonColumn;
    @FXML
    private Label resultTitle;
    @FXML
    private Label resultFacts;
    @FXML
    private Label resultEnding;
    @FXML
    private TableView<EngineRow> enginesTable;
    @FXML
    private Label enginesPlaceholder;
    @FXML
    private TableColumn<EngineRow, String> engineColumn;
    @FXML
    private TableColumn<EngineRow, String> pricedColumn;
    @FXML
    private TableColumn<EngineRow, String> unpricedColumn;
    @FXML
    private TableColumn<EngineRow, String> minColumn;
    @FXML
    private TableColumn<EngineRow, String> p10Column;
    @FXML
    private TableColumn<EngineRow, String> p50Column;
    @FXML
    private TableColumn<EngineRow, String> p90Column;
    @FXML
    private TableColumn<EngineRow, String> p99Column;
    @FXML
    private TableColumn<EngineRow, String> maxColumn;
    @FXML
    private TableColumn<EngineRow, String> meanColumn;
    @FXML
    private Label unpricedLabel;
    @FXML
    private Label summaryLabel;
    @FXML
    private ChoiceBox<Comparison> comparisonChoice;
    @FXML
    private TableView<DifferenceRow> differencesTable;
    @FXML
    private Label differencesPlaceholder;
    @FXML
    private TableColumn<DifferenceRow, Long> recordColumn;
    @FXML
    private TableColumn<DifferenceRow, String> baseColumn;
    @FXML
    private TableColumn<DifferenceRow, String> otherColumn;
    @FXML
    private TableColumn<DifferenceRow, String> differenceColumn;
    @FXML
    private Button openButton;
    @FXML
    private Label statusLabel;

    public RecalculationsView(RecalculationsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        form(viewModel.form());
        jobs();
        JobResultViewModel result = viewModel.result();
        summary(result);
        engines(result);
        differences(result);
        loadingIndicator.visibleProperty().bind(viewModel.jobs().loadingProperty());
        cancelButton.disableProperty().bind(viewModel.canCancelProperty().not());
        ActionGuards.explainWhenBlocked(cancelGuard, viewModel.cancelBlockedProperty());
        showText(messageLabel, viewModel.messageProperty());
        statusLabel.textProperty().bind(viewModel.statusProperty());
        Polling.whileRunning(viewModel.jobs().runningProperty(), viewModel.jobs()::poll);
    }

    private void form(RecalculationFormViewModel form) {
        atField.textProperty().bindBidirectional(form.atTextProperty());
        asOfField.textProperty().bindBidirectional(form.asOfTextProperty());
        thresholdField.textProperty().bindBidirectional(form.thresholdTextProperty());
        reasonField.textProperty().bindBidirectional(form.reasonProperty());
        for (TextField instant : new TextField[] {atField, asOfField}) {
            Tooltip format = new Tooltip(Messages.get("recalc.instantHint"));
            format.setWrapText(true);
            format.setMaxWidth(420);
            instant.setTooltip(format);
        }
        showText(atProblem, form.atProblemProperty());
        showText(asOfProblem, form.asOfProblemProperty());
        showText(enginesProblem, form.enginesProblemProperty());
        showText(thresholdProblem, form.thresholdProblemProperty());
        showText(reasonProblem, form.reasonProblemProperty());
        for (EngineChoice engine : form.engines()) {
            CheckBox box = new CheckBox(engine.text());
            box.setMnemonicParsing(false);
            box.setMinWidth(Region.USE_PREF_SIZE);
            box.getStyleClass().add("recalc-engine");
            box.selectedProperty().bindBidirectional(engine.selectedProperty());
            box.setDisable(engine.inForce() == null);
            enginesBox.getChildren().add(box);
        }
        reasonField.setOnAction(event -> viewModel.start());
        startButton.disableProperty().bind(viewModel.canStartProperty().not());
        ActionGuards.explainWhenBlocked(startGuard, viewModel.startBlockedProperty());
        startHint.textProperty().bind(Bindings.createStringBinding(() -> viewModel.startBlockedProperty().get().isEmpty()
                ? Messages.get("recalc.startHint") : viewModel.startBlockedProperty().get(), viewModel.startBlockedProperty()));
    }

    private void jobs() {
        cells(idColumn, row -> row.id());
        cells(statusColumn, JobRow::statusText);
        progressColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        progressColumn.setCellFactory(column -> new ProgressCell());
        progressColumn.setSortable(false);
        cells(requestedColumn, JobRow::requestedAt);
        cells(atColumn, JobRow::at);
        cells(asOfColumn, JobRow::asOf);
        cells(enginesColumn, JobRow::engines);
        cells(reasonColumn, row -> row.job().reason());
        reasonColumn.setCellFactory(column -> DeskTables.textWithTooltip());
        jobsTable.setItems(viewModel.rows());
        placeholderLabel.textProperty().bind(Bindings.when(viewModel.jobs().loadingProperty())
                .then(Messages.get("recalc.loading")).otherwise(Messages.get("recalc.none")));
        jobsTable.getSelectionModel().selectedItemProperty().addListener((observable, old, row) -> {
            if (row != null || viewModel.rows().isEmpty()) {
                viewModel.selectedProperty().set(row);
            }
        });
        viewModel.selectedProperty().addListener((observable, old, row) -> selectInTable(row));
        // A read replaces the rows, which clears the table's selection even when the selected job is unchanged.
        viewModel.rows().addListener((ListChangeListener<JobRow>) change -> selectInTable(viewModel.selectedProperty().get()));
    }

    private void selectInTable(JobRow row) {
        if (row == null) {
            jobsTable.getSelectionModel().clearSelection();
        } else if (!row.equals(jobsTable.getSelectionModel().getSelectedItem()) && jobsTable.getItems().contains(row)) {
            jobsTable.getSelectionModel().select(row);
        }
    }

    private void summary(JobResultViewModel result) {
        resultTitle.textProperty().bind(result.titleProperty());
        showText(resultFacts, result.factsProperty());
        showText(resultEnding, result.endingProperty());
        showText(unpricedLabel, result.unpricedProperty());
        showText(summaryLabel, result.summariesProperty());
    }

    private void engines(JobResultViewModel result) {
        cells(engineColumn, EngineRow::engine);
        cells(pricedColumn, EngineRow::priced);
        cells(unpricedColumn, EngineRow::unpriced);
        cells(minColumn, EngineRow::min);
        cells(p10Column, EngineRow::p10);
        cells(p50Column, EngineRow::p50);
        cells(p90Column, EngineRow::p90);
        cells(p99Column, EngineRow::p99);
        cells(maxColumn, EngineRow::max);
        cells(meanColumn, EngineRow::mean);
        enginesTable.setItems(result.engines());
        enginesPlaceholder.textProperty().bind(Bindings.when(result.hasResultProperty())
                .then(Messages.get("recalc.noEngines")).otherwise(Messages.get("recalc.noResult")));
    }

    private void differences(JobResultViewModel result) {
        comparisonChoice.setItems(result.comparisons());
        comparisonChoice.valueProperty().bindBidirectional(result.comparisonProperty());
        Visibility.showWhile(comparisonChoice, Bindings.size(result.comparisons()).greaterThan(1));
        cells(recordColumn, DifferenceRow::recordId);
        cells(baseColumn, DifferenceRow::base);
        cells(otherColumn, DifferenceRow::other);
        cells(differenceColumn, DifferenceRow::differencePercent);
        baseColumn.textProperty().bind(Bindings.createStringBinding(() -> result.comparisonProperty().get() == null
                ? Messages.get("recalc.basePremium") : result.comparisonProperty().get().base(), result.comparisonProperty()));
        otherColumn.textProperty().bind(Bindings.createStringBinding(() -> result.comparisonProperty().get() == null
                ? Messages.get("recalc.otherPremium") : result.comparisonProperty().get().other(), result.comparisonProperty()));
        differencesTable.setItems(result.differences());
        differencesPlaceholder.textProperty().bind(Bindings.when(result.hasResultProperty())
                .then(Messages.get("recalc.noDifferences")).otherwise(Messages.get("recalc.noResult")));
        differencesTable.getSelectionModel().selectedItemProperty().addListener((observable, old, row) ->
                result.selectedDifferenceProperty().set(row));
        openButton.disableProperty().bind(result.canOpenProperty().not());
        // Enter or a double click on a record opens it, as "Open in timeline" does.
        DeskTables.openOnEnterOrDoubleClick(differencesTable, result.canOpenProperty(), result::openSelected);
    }

    private static <S, T> void cells(TableColumn<S, T> column, Function<S, T> value) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    }

    /** Shows {@code label} with {@code text} only while there is text, so an empty one takes no room. */
    private static void showText(Label label, ObservableStringValue text) {
        label.textProperty().bind(text);
        Visibility.showWhile(label, Bindings.isNotEmpty(text));
    }

    @FXML
    private void start() {
        viewModel.start();
    }

    @FXML
    private void cancel() {
        viewModel.cancelSelected();
    }

    @FXML
    private void refresh() {
        viewModel.reload();
    }

    @FXML
    private void open() {
        viewModel.result().openSelected();
    }

    /** A job's progress: a bar (indeterminate while the total is unknown) and "120 / 200". */
    private static final class ProgressCell extends GraphicCell<JobRow, JobRow> {
        private final ProgressBar bar = new ProgressBar();
        private final Label count = new Label();
        private final HBox box = new HBox(6, bar, count);

        ProgressCell() {
            box.getStyleClass().add("recalc-progress-box");
            bar.getStyleClass().add("recalc-progress");
            bar.setPrefWidth(56);
        }

        @Override
        protected void show(JobRow row) {
            bar.setProgress(row.progress());
            count.setText(row.progressText());
            setGraphic(box);
        }
    }
}
