package io.timetravel.gui.premium;

import io.timetravel.domain.premium.Factor;
import io.timetravel.gui.ActionGuards;
import io.timetravel.gui.ChartAxes;
import io.timetravel.gui.DeskTables;
import io.timetravel.gui.Formats;
import io.timetravel.gui.Visibility;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The Premium tab's controller: draws the view model's premium lines (one series per engine,
 * dates on the x axis), lists the decisions and the selected one's breakdown, and forwards Quote
 * now and Replay.
 */
public final class PremiumView {

    private final PremiumViewModel viewModel;

    @FXML
    private Node quoteGuard;
    @FXML
    private Button quoteButton;
    @FXML
    private Label quoteProblemLabel;
    @FXML
    private ProgressIndicator loadingIndicator;
    @FXML
    private LineChart<Number, Number> premiumChart;
    @FXML
    private Label chartPlaceholder;
    @FXML
    private Label chartNote;
    @FXML
    private TableView<DecisionRow> decisionsTable;
    @FXML
    private Label decisionsPlaceholder;
    @FXML
    private TableColumn<DecisionRow, String> decidedColumn;
    @FXML
    private TableColumn<DecisionRow, String> validColumn;
    @FXML
    private TableColumn<DecisionRow, String> knownColumn;
    @FXML
    private TableColumn<DecisionRow, String> engineColumn;
    @FXML
    private TableColumn<DecisionRow, String> choiceColumn;
    @FXML
    private TableColumn<DecisionRow, String> premiumColumn;
    @FXML
    private TableColumn<DecisionRow, String> actorColumn;
    @FXML
    private Label detailTitle;
    @FXML
    private Label detailFacts;
    @FXML
    private Button replayButton;
    @FXML
    private Label replayLabel;
    @FXML
    private TableView<Factor> factorsTable;
    @FXML
    private TableColumn<Factor, String> stepColumn;
    @FXML
    private TableColumn<Factor, String> inputColumn;
    @FXML
    private TableColumn<Factor, String> kindColumn;
    @FXML
    private TableColumn<Factor, String> valueColumn;
    @FXML
    private Node factsBox;
    @FXML
    private Label inputsLabel;
    @FXML
    private Label shaLabel;
    @FXML
    private Label flagsLabel;

    public PremiumView(PremiumViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        quoteButton.disableProperty().bind(viewModel.canQuoteProperty().not());
        ActionGuards.explainWhenBlocked(quoteGuard, viewModel.quoteBlockedProperty());
        quoteProblemLabel.textProperty().bind(viewModel.quoteProblemProperty());
        Visibility.showWhile(quoteProblemLabel, viewModel.quoteProblemProperty().isNotEmpty());
        Visibility.showWhile(loadingIndicator, viewModel.loadingProperty().or(viewModel.quotingProperty()));

        prepareChart();
        chartPlaceholder.textProperty().bind(viewModel.chartPlaceholderProperty());
        Visibility.showWhile(chartPlaceholder, Bindings.isEmpty(viewModel.curves()));
        chartNote.textProperty().bind(viewModel.chartNoteProperty());
        Visibility.showWhile(chartNote, viewModel.chartNoteProperty().isNotEmpty());

        column(decidedColumn, DecisionRow::decidedAt);
        column(validColumn, DecisionRow::validAt);
        column(knownColumn, DecisionRow::knownAt);
        column(engineColumn, DecisionRow::engine);
        column(choiceColumn, DecisionRow::choice);
        column(premiumColumn, DecisionRow::premium);
        column(actorColumn, DecisionRow::actor);
        decisionsTable.setItems(viewModel.decisions());
        decisionsPlaceholder.textProperty().bind(viewModel.decisionsPlaceholderProperty());
        decisionsTable.getSelectionModel().selectedItemProperty().addListener((observable, old, row) -> {
            if (row != null) {
                viewModel.selectedProperty().set(row);
            }
        });
        viewModel.selectedProperty().addListener((observable, old, row) -> follow(row));

        column(stepColumn, Factor::name);
        column(inputColumn, Factor::input);
        column(kindColumn, factor -> factor.kind().text());
        column(valueColumn, factor -> Formats.exactNumber(factor.value().toPlainString()));
        factorsTable.setItems(viewModel.factors());
        detailTitle.textProperty().bind(viewModel.detailTitleProperty());
        detailFacts.textProperty().bind(viewModel.detailFactsProperty());
        Visibility.showWhile(detailFacts, viewModel.detailFactsProperty().isNotEmpty());
        Visibility.showWhile(factsBox, viewModel.selectedProperty().isNotNull());
        inputsLabel.textProperty().bind(viewModel.inputsProperty());
        shaLabel.textProperty().bind(viewModel.inputsSha256Property());
        flagsLabel.textProperty().bind(viewModel.flagsProperty());
        replayButton.disableProperty().bind(viewModel.canReplayProperty().not());
        replayLabel.textProperty().bind(viewModel.replayTextProperty());
        Visibility.showWhile(replayLabel, viewModel.replayTextProperty().isNotEmpty());
        viewModel.replayIdenticalProperty().addListener((observable, old, identical) -> {
            replayLabel.getStyleClass().removeAll("banner-success", "banner-danger", "banner-info");
            replayLabel.getStyleClass().add(identical == null ? "banner-info" : identical ? "banner-success" : "banner-danger");
        });
    }

    /** The table's selection follows the view model's (a quote selects the new decision). */
    private void follow(DecisionRow row) {
        if (row == null) {
            decisionsTable.getSelectionModel().clearSelection();
        } else if (row != decisionsTable.getSelectionModel().getSelectedItem()) {
            decisionsTable.getSelectionModel().select(row);
            decisionsTable.scrollTo(row);
        }
    }

    /** Dates on the x axis (days since the epoch); one series per engine, rebuilt when the lines are. */
    private void prepareChart() {
        // In the controller: FXML builds charts through their constructor arguments and loses styleClass there.
        premiumChart.getStyleClass().add("premium-chart");
        premiumChart.setAnimated(false);
        premiumChart.setCreateSymbols(false);
        NumberAxis days = (NumberAxis) premiumChart.getXAxis();
        days.setForceZeroInRange(false);
        days.setAnimated(false);
        ChartAxes.labelled(days, viewModel::dateLabel);
        NumberAxis premium = (NumberAxis) premiumChart.getYAxis();
        premium.setForceZeroInRange(false);
        premium.setAnimated(false);
        viewModel.curves().addListener((ListChangeListener<PremiumCurves.Curve>) change -> drawCurves());
        drawCurves();
    }

    private void drawCurves() {
        premiumChart.getData().setAll(viewModel.curves().stream().map(curve -> {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(curve.engine());
            curve.points().forEach(point -> series.getData().add(new XYChart.Data<>(point.day(), point.premium())));
            return series;
        }).toList());
    }

    @FXML
    private void quoteNow() {
        viewModel.quoteNow();
    }

    @FXML
    private void replay() {
        viewModel.replay();
    }

    /** A column of {@code text}, on one line, whole in a tooltip when it does not fit. */
    private static <S> void column(TableColumn<S, String> column, Function<S, String> text) {
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        column.setCellFactory(cells -> DeskTables.textWithTooltip());
    }
}
