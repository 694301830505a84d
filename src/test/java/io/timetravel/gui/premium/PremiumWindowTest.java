package io.timetravel.gui.premium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.access.Actor;
import io.timetravel.gui.FxBackgroundTasks;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.shell.WorkbenchApp;
import io.timetravel.service.QuoteRequest;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Premium tab in the real window, headless: the chart's lines, the decisions, Replay and Quote now. */
@ExtendWith(ApplicationExtension.class)
class PremiumWindowTest {

    @TempDir
    static Path dir;
    static StoreFixture fixture;
    static FxBackgroundTasks tasks;
    WorkbenchApp.Ui ui;

    @BeforeAll
    static void seed() {
        fixture = StoreFixture.open(dir.resolve("premium-window.db"));
        fixture.write(1, PremiumViewModelTest.COMPLETE);
        fixture.write(1, "{\"sum_insured\":750000}");
        fixture.write(1, "{\"smoker\":true}", fixture.records().latest(1).effectiveAt().minusSeconds(60), 12, "declared late");
        TestWorkbench.desk(fixture).premiums()
                .quote(new QuoteRequest(1, null, null, null, null, Actor.declared(101), "v2")).join();
        tasks = new FxBackgroundTasks();
    }

    @AfterAll
    static void close() {
        tasks.close();
        fixture.close();
    }

    @Start
    void start(Stage stage) {
        ui = TestWorkbench.ui(TestWorkbench.on(fixture, null), tasks);
        stage.setScene(ui.scene());
        stage.show();
    }

    @Test
    void theTabDrawsBothEnginesListsTheDecisionAndReplaysItIdentically(FxRobot robot) throws Exception {
        robot.interact(() -> ui.state().selectedRecordProperty().set(1L));
        openTab(robot, "Premium");

        @SuppressWarnings("unchecked")
        LineChart<Number, Number> chart = robot.lookup("#premiumChart").queryAs(LineChart.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> chart.getData().size() == 2
                && chart.getData().stream().allMatch(series -> series.getData().size() >= 3));
        List<String> engines = chart.getData().stream().map(XYChart.Series::getName).toList();
        assertTrue(engines.get(0).startsWith("classic@") && engines.get(1).startsWith("risk-v2@"), engines.toString());

        // The decision quoted through the API before the window opened (another test may add the user's own).
        TableRow<?> seeded = waitForRows(robot, 1).stream().filter(row -> cellTexts(row).contains("user 101 (declared)"))
                .findFirst().orElseThrow();
        assertTrue(cellTexts(seeded).stream().anyMatch(text -> text.endsWith(" EUR")), cellTexts(seeded).toString());
        robot.clickOn(seeded);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS,
                () -> !robot.lookup("#factorsTable").queryAs(TableView.class).getItems().isEmpty());

        robot.clickOn("#replayButton");
        Label replay = robot.lookup("#replayLabel").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> replay.getText().startsWith("Identical"));
        assertTrue(replay.isVisible());
        assertTrue(replay.getStyleClass().contains("banner-success"), replay.getStyleClass().toString());
    }

    @Test
    void quoteNowAddsTheUsersDecisionAndSelectsIt(FxRobot robot) throws Exception {
        robot.interact(() -> ui.state().selectedRecordProperty().set(1L));
        openTab(robot, "Premium");
        int before = waitForRows(robot, 1).size();

        robot.clickOn("#quoteButton");

        TableView<?> table = robot.lookup("#decisionsTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> table.getItems().size() == before + 1
                && table.getSelectionModel().getSelectedIndex() == 0);
        DecisionRow selected = (DecisionRow) table.getSelectionModel().getSelectedItem();
        assertEquals(42, selected.decision().actor());
        assertEquals("", robot.lookup("#quoteProblemLabel").queryAs(Label.class).getText());
    }

    private static void openTab(FxRobot robot, String title) {
        Node tab = robot.lookup(".record-tabs .tab-label").queryAllAs(Labeled.class).stream()
                .filter(label -> title.equals(label.getText())).findFirst().orElseThrow();
        robot.clickOn(tab);
    }

    private static List<TableRow<?>> waitForRows(FxRobot robot, int count) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> filled(robot).size() >= count);
        WaitForAsyncUtils.waitForFxEvents();
        return filled(robot);
    }

    private static List<TableRow<?>> filled(FxRobot robot) {
        return robot.lookup("#decisionsTable .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(row -> row.getItem() != null && !row.isEmpty() && row.isVisible())
                .map(row -> (TableRow<?>) row).collect(Collectors.toList());
    }

    private static List<String> cellTexts(TableRow<?> row) {
        return row.lookupAll(".table-cell").stream().map(cell -> ((Labeled) cell).getText()).toList();
    }
}
