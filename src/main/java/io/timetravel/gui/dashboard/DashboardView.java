package io.timetravel.gui.dashboard;

import io.timetravel.gui.ChartAxes;
import io.timetravel.gui.DeskView;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Visibility;
import io.timetravel.gui.WorkspaceState;
import java.util.List;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.beans.binding.Bindings;
import javafx.animation.Timeline;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The dashboard's controller: binds the headline figures and feeds the seven charts from the view
 * model, and ticks the view model once a second while the dashboard is the view in front of a
 * showing window. Charts change their nodes on every tick, so a view nobody sees must not pay
 * for it (nor disturb the scene graph of the view in front); the counters are cumulative, so the
 * first tick after a pause spans it and its rates are the pause's averages.
 */
public final class DashboardView {

    private final DashboardViewModel viewModel;
    private final WorkspaceState state;
    private final Timeline ticker;
    /** Whether the window holding the view shows; kept here so its listener lives as long as the view. */
    private ObservableValue<Boolean> showing;

    @FXML
    private VBox root;
    @FXML
    private VBox content;
    @FXML
    private Label dashboardForbidden;
    @FXML
    private Label dashboardProblem;
    @FXML
    private Label copiesLabel;
    @FXML
    private Label dashboardListener;
    @FXML
    private Label requestsValue;
    @FXML
    private Label latencyValue;
    @FXML
    private Label errorsValue;
    @FXML
    private Label errorsDetail;
    @FXML
    private VBox shareHeadline;
    @FXML
    private Label shareValue;
    @FXML
    private Label shareDetail;
    @FXML
    private Label quotesValue;
    @FXML
    private Label quoteLatencyValue;
    @FXML
    private Label recalculationsValue;
    @FXML
    private LineChart<Number, Number> requestsChart;
    @FXML
    private LineChart<Number, Number> latencyChart;
    @FXML
    private LineChart<Number, Number> errorsChart;
    @FXML
    private LineChart<Number, Number> shareChart;
    @FXML
    private LineChart<Number, Number> flagsChart;
    @FXML
    private LineChart<Number, Number> writesChart;
    @FXML
    private LineChart<Number, Number> quotesChart;

    public DashboardView(DashboardViewModel viewModel, WorkspaceState state) {
        this.viewModel = viewModel;
        this.state = state;
        ticker = new Timeline(new KeyFrame(Duration.millis(DashboardViewModel.INTERVAL.toMillis()), event -> viewModel.tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
    }

    @FXML
    private void initialize() {
        Visibility.allowedOrWhyNot(content, viewModel.allowedProperty(), dashboardForbidden, viewModel.whyNotProperty(),
                "dashboard.forbidden");
        dashboardProblem.textProperty().bind(viewModel.problemProperty());
        Visibility.showWhile(dashboardProblem, viewModel.problemProperty().isNotEmpty());
        Visibility.showWhile(copiesLabel, viewModel.copiesOffProperty());
        dashboardListener.setVisible(!viewModel.listening());
        dashboardListener.setManaged(!viewModel.listening());
        headlines();
        charts();

        state.onRefresh(DeskView.DASHBOARD, viewModel::tick);
        // Tick while the window shows with the dashboard in front; stop otherwise.
        ObservableValue<Boolean> windowShowing = root.sceneProperty().flatMap(Scene::windowProperty)
                .flatMap(Window::showingProperty).orElse(false);
        showing = Bindings.createBooleanBinding(() -> windowShowing.getValue()
                && state.visibleViewProperty().get() == DeskView.DASHBOARD, windowShowing, state.visibleViewProperty());
        showing.addListener((observable, was, is) -> run(is));
        run(showing.getValue());
    }

    /** The figures over the charts: each the latest interval's, the v2 share marked by its target. */
    private void headlines() {
        requestsValue.textProperty().bind(viewModel.requestRateNowProperty());
        latencyValue.textProperty().bind(viewModel.latencyNowProperty());
        errorsValue.textProperty().bind(viewModel.errorsNowProperty());
        errorsDetail.textProperty().bind(viewModel.errorsDetailProperty());
        shareValue.textProperty().bind(viewModel.v2ShareNowProperty());
        shareDetail.textProperty().bind(viewModel.v2ShareDetailProperty());
        quotesValue.textProperty().bind(viewModel.premium().quotesNowProperty());
        quoteLatencyValue.textProperty().bind(viewModel.premium().quoteLatencyNowProperty());
        recalculationsValue.textProperty().bind(viewModel.premium().recalculationsNowProperty());
        viewModel.v2TargetMetProperty().addListener((observable, old, met) -> {
            shareHeadline.getStyleClass().removeAll("target-met", "target-missed");
            if (met != null) {
                shareHeadline.getStyleClass().add(met ? "target-met" : "target-missed");
            }
        });
    }

    /** The seven charts, each fed its series by the view model. */
    private void charts() {
        prepare(requestsChart, "requests-chart");
        prepare(latencyChart, "latency-chart");
        prepare(errorsChart, "errors-chart");
        prepare(shareChart, "share-chart");
        prepare(flagsChart, "flags-chart");
        prepare(writesChart, "writes-chart");
        prepare(quotesChart, "quotes-chart");
        requestsChart.getData().add(ChartFeed.series(Messages.get("dashboard.seriesRequests"), viewModel.requestRate()));
        requestsChart.setLegendVisible(false);
        latencyChart.getData().add(ChartFeed.series(Messages.get("dashboard.seriesP50"), viewModel.latencyP50()));
        latencyChart.getData().add(ChartFeed.series(Messages.get("dashboard.seriesP95"), viewModel.latencyP95()));
        errorsChart.getData().add(ChartFeed.series(Messages.get("dashboard.series5xx"), viewModel.serverErrors()));
        errorsChart.getData().add(ChartFeed.series(Messages.get("dashboard.series4xx"), viewModel.clientErrors()));
        percentAxis(errorsChart);
        shareChart.getData().add(ChartFeed.series(Messages.get("dashboard.seriesV2"), viewModel.v2Share()));
        shareChart.getData().add(targetLine());
        percentAxis(shareChart);
        writesChart.getData().add(ChartFeed.series(Messages.get("dashboard.seriesVersions"), viewModel.versionsWritten()));
        writesChart.getData().add(ChartFeed.series(Messages.get("dashboard.seriesAudit"), viewModel.auditEntriesWritten()));
        followKeys(flagsChart, viewModel.flagEvaluations());
        followKeys(quotesChart, viewModel.quotes());
    }

    private void run(boolean windowShowing) {
        if (windowShowing) {
            viewModel.tick();
            ticker.play();
        } else {
            ticker.stop();
        }
    }

    /** A series on {@code chart} for each key's series, as keys appear (a flag's first evaluation, an engine's first quote). */
    private static void followKeys(LineChart<Number, Number> chart, ObservableList<DashboardViewModel.KeyedSeries> keys) {
        keys.forEach(keyed -> chart.getData().add(ChartFeed.series(keyed.key(), keyed.points())));
        keys.addListener((ListChangeListener<DashboardViewModel.KeyedSeries>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(keyed -> chart.getData().add(ChartFeed.series(keyed.key(), keyed.points())));
            }
        });
    }

    /** A time axis over the view model's window, labelled in local time; no animation (a tick is not news). */
    private void prepare(LineChart<Number, Number> chart, String styleClass) {
        // In the controller: FXML builds charts through their constructor arguments and loses styleClass there.
        chart.getStyleClass().addAll("dashboard-chart", styleClass);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        NumberAxis time = (NumberAxis) chart.getXAxis();
        time.setAutoRanging(false);
        time.setForceZeroInRange(false);
        time.lowerBoundProperty().bind(viewModel.windowStartProperty());
        time.upperBoundProperty().bind(viewModel.windowEndProperty());
        time.setTickUnit(120);
        time.setMinorTickCount(2);
        ChartAxes.labelled(time, viewModel::timeLabel);
        NumberAxis values = (NumberAxis) chart.getYAxis();
        values.setForceZeroInRange(true);
        values.setAnimated(false);
        time.setAnimated(false);
    }

    private static void percentAxis(LineChart<Number, Number> chart) {
        NumberAxis percent = (NumberAxis) chart.getYAxis();
        percent.setAutoRanging(false);
        percent.setLowerBound(0);
        percent.setUpperBound(100);
        percent.setTickUnit(20);
    }

    /** The dashed line of the deprecation policy's target across the whole window. */
    private XYChart.Series<Number, Number> targetLine() {
        XYChart.Data<Number, Number> from = new XYChart.Data<>(viewModel.windowStartProperty().get(), DashboardViewModel.V2_TARGET_PERCENT);
        XYChart.Data<Number, Number> to = new XYChart.Data<>(viewModel.windowEndProperty().get(), DashboardViewModel.V2_TARGET_PERCENT);
        from.XValueProperty().bind(viewModel.windowStartProperty());
        to.XValueProperty().bind(viewModel.windowEndProperty());
        // Dashed by dashboard.css as the share chart's second series.
        return new XYChart.Series<>(Messages.get("dashboard.seriesTarget"), FXCollections.observableArrayList(List.of(from, to)));
    }
}
