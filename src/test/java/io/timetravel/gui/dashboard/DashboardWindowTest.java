package io.timetravel.gui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.app.AppContext;
import io.timetravel.gui.Desk;
import io.timetravel.gui.FxBackgroundTasks;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.UserPreferences;
import io.timetravel.gui.Workbench;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.gui.shell.WorkbenchApp;
import io.timetravel.gui.RecordingDialogs;
import io.timetravel.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dashboard in the real window on the real application: after real requests to its HTTP
 * listener, the charts draw them and the headline figures count them.
 */
@ExtendWith(ApplicationExtension.class)
class DashboardWindowTest {

    @TempDir
    Path dir;
    TestServer server;
    FxBackgroundTasks tasks;

    @Start
    void start(Stage stage) {
        server = TestServer.start(dir.resolve("dashboard.db"));
        tasks = new FxBackgroundTasks();
        AppContext context = server.context();
        Workbench workbench = new Workbench(context.records(), context.history(), context.eventLog(),
                WorkbenchAccess.of(context.access()), new Desk(context.audit(), context.ledger(), context.flags(),
                context.snapshots(), context.access(), context.metrics(), context.premiums(), context.recalculations()), TestWorkbench.UNMAPPED_OS_USER,
                server.database().toString(), server.baseUrl(), null, "test", false);
        WorkbenchApp.Ui ui = WorkbenchApp.createUi(workbench, tasks, new RecordingDialogs(), UserPreferences.inMemory(42),
                ZoneOffset.UTC, Clock.systemUTC());
        ui.main().ensureUser();
        stage.setScene(ui.scene());
        stage.show();
    }

    @AfterEach
    void stop() {
        tasks.close();
        server.close();
    }

    @SuppressWarnings("unchecked")
    private static LineChart<Number, Number> chart(FxRobot robot, String styleClass) {
        return (LineChart<Number, Number>) robot.lookup("." + styleClass).query();
    }

    private static boolean anyPointAbove(LineChart<Number, Number> chart, int series, double value) {
        return chart.getData().size() > series
                && chart.getData().get(series).getData().stream().anyMatch(point -> point.getYValue().doubleValue() > value);
    }

    @Test
    void realRequestsAppearInTheChartsAndHeadlines(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT5).release(KeyCode.CONTROL);
        Node charts = robot.lookup(".dashboard-charts").query();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, charts::isVisible);

        // Keep sending until the dashboard has drawn them: ticks come once a second, whatever the machine's speed.
        LineChart<Number, Number> requests = chart(robot, "requests-chart");
        LineChart<Number, Number> share = chart(robot, "share-chart");
        LineChart<Number, Number> writes = chart(robot, "writes-chart");
        LineChart<Number, Number> latency = chart(robot, "latency-chart");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int sent = 0;
        // The charts change on the FX thread every second: read them there.
        while (!WaitForAsyncUtils.asyncFx(() -> anyPointAbove(requests, 0, 0) && anyPointAbove(share, 0, 50)
                && anyPointAbove(writes, 0, 0) && anyPointAbove(latency, 1, 0)).get()) {
            assertTrue(System.nanoTime() < deadline, "the charts drew nothing of " + sent + " requests");
            assertEquals(201, server.post("/api/v2/records/" + (100 + sent), "{\"name\":\"Ada\"}", "X-User-ID", "42").status());
            assertEquals(200, server.get("/api/v2/records/" + (100 + sent), "X-User-ID", "42").status());
            sent++;
        }

        XYChart.Series<Number, Number> target = share.getData().get(1);
        assertEquals(2, target.getData().size(), "the 80% line spans the window");
        assertEquals(80.0, target.getData().get(0).getYValue().doubleValue());
        assertTrue(target.getNode().getStyleClass().contains("series1"), "dashed by dashboard.css as the second series");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS,
                () -> robot.lookup("#shareValue").queryAs(Label.class).getText().equals("100 %"));
        String rate = robot.lookup("#requestsValue").queryAs(Label.class).getText();
        assertTrue(rate.endsWith("req/s") && !rate.startsWith("0.0"), rate);
        assertTrue(robot.lookup("#latencyValue").queryAs(Label.class).getText().endsWith("ms"));
    }
}
