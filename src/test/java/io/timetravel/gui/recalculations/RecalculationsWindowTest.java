package io.timetravel.gui.recalculations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.gui.DeskView;
import io.timetravel.gui.FxBackgroundTasks;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.Workbench;
import io.timetravel.gui.shell.WorkbenchApp;
import io.timetravel.service.SampleData;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
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

/** The Recalculations view in the window: Ctrl+7, the form filled in, a job run to its result, a record opened from it. */
@ExtendWith(ApplicationExtension.class)
class RecalculationsWindowTest {

    private static final int RECORDS = 15;

    @TempDir
    static Path dir;
    static StoreFixture fixture;
    static FxBackgroundTasks tasks;
    static Workbench workbench;
    WorkbenchApp.Ui ui;

    @BeforeAll
    static void seed() {
        fixture = StoreFixture.open(dir.resolve("recalculations-window.db"));
        new SampleData(3, RECORDS).load(fixture.records(), SampleData.defaultUntil(Instant.now()), progress -> {
        });
        tasks = new FxBackgroundTasks();
        workbench = TestWorkbench.on(fixture, null);
    }

    @AfterAll
    static void close() {
        tasks.close();
        workbench.desk().recalculations().close();
        workbench.desk().snapshots().close();
        fixture.close();
    }

    @Start
    void start(Stage stage) {
        ui = TestWorkbench.ui(workbench, tasks);
        stage.setScene(ui.scene());
        stage.show();
    }

    private static DeskView visible(FxRobot robot) {
        TabPane tabs = robot.lookup(".desk-tabs").queryAs(TabPane.class);
        return (DeskView) tabs.getSelectionModel().getSelectedItem().getUserData();
    }

    /** The table's row showing {@code item}, once it is laid out; else {@code null}. */
    private static Node row(FxRobot robot, TableView<?> table, Object item) {
        return robot.from(table).lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(row -> item.equals(row.getItem())).findFirst().orElse(null);
    }

    @Test
    void aJobStartedFromTheFormCompletesAndItsLargestDifferenceOpensInTheTimeline(FxRobot robot) throws Exception {
        robot.clickOn(".desk-tabs");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT7).release(KeyCode.DIGIT7, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> visible(robot) == DeskView.RECALCULATIONS);
        Node start = robot.lookup("#startButton").query();
        assertTrue(start.isDisabled(), "no reason yet");

        robot.clickOn("#thresholdField").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("0");
        robot.clickOn("#reasonField").write("window test");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !start.isDisabled());
        robot.clickOn(start);

        TableView<?> jobs = robot.lookup(".recalc-jobs").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> jobs.getItems().size() == 1
                && !((JobRow) jobs.getItems().get(0)).running());
        JobRow job = (JobRow) jobs.getItems().get(0);
        // The job started is selected.
        assertEquals("Completed", job.statusText());
        assertEquals(List.of("window test", "classic@1, risk-v2@2"), List.of(job.job().reason(), job.engines()));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> job.equals(jobs.getSelectionModel().getSelectedItem()));

        TableView<?> engines = robot.lookup(".recalc-engines").queryAs(TableView.class);
        TableView<?> largest = robot.lookup(".recalc-largest").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> engines.getItems().size() == 2 && !largest.getItems().isEmpty());
        assertEquals("classic@1", ((EngineRow) engines.getItems().get(0)).engine());
        String summary = robot.lookup(".recalc-summary").queryAs(Label.class).getText();
        assertTrue(summary.contains(" records differ by more than 0% between classic@1 and risk-v2@2; mean difference "), summary);

        DifferenceRow first = (DifferenceRow) largest.getItems().get(0);
        // The table may lay its rows out again between finding one and clicking it (a refresh
        // while the job list polls): click the row showing the difference until it is selected.
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> {
            Node row = row(robot, largest, first);
            if (row != null) {
                robot.clickOn(row);
            }
            return first.equals(largest.getSelectionModel().getSelectedItem());
        });
        robot.clickOn("#openButton");

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> visible(robot) == DeskView.RECORDS);
        assertEquals(first.recordId(), ui.state().selectedRecordProperty().get());
    }
}
