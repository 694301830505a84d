package io.timetravel.gui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.gui.FxBackgroundTasks;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.shell.WorkbenchApp;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
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

/**
 * The bitemporal map and the time axis in a window, headless: hovering names a version, a
 * click opens it in the timeline, the keyboard moves between versions and sets A and B of the
 * Diff; a one-version record's slider has its thumb; Enter in the date field jumps; a jump
 * error shows under the jump row.
 */
@ExtendWith(ApplicationExtension.class)
class BitemporalMapWindowTest {

    @TempDir
    static Path dir;
    static StoreFixture fixture;
    static FxBackgroundTasks tasks;
    WorkbenchApp.Ui ui;

    /** Ada: v1 Jan 1, v2 Feb 1, v3 Mar 1, v4 recorded Apr 1 back-dated to Jan 15, v5 May 1. Grace: one version. */
    @BeforeAll
    static void seed() {
        MutableClock clock = MutableClock.at("2026-01-01T09:00:00Z");
        fixture = StoreFixture.open(dir.resolve("map-gui.db"), clock);
        fixture.write(1, "{\"name\":\"Ada Lovelace\",\"premium\":100}");
        fixture.write(2, "{\"name\":\"Grace Hopper\"}");
        clock.set("2026-02-01T09:00:00Z");
        fixture.write(1, "{\"premium\":110}");
        clock.set("2026-03-01T09:00:00Z");
        fixture.write(1, "{\"smoker\":false}");
        clock.set("2026-04-01T09:00:00Z");
        fixture.write(1, "{\"smoker\":true}", Instant.parse("2026-01-15T00:00:00Z"), 9, "medical report received");
        clock.set("2026-05-01T09:00:00Z");
        fixture.write(1, "{\"nickname\":\"Ada\"}");
        clock.set("2026-05-01T10:00:00Z");
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
        stage.setWidth(1280);
        stage.setHeight(800);
        stage.show();
    }

    @Test
    void hoveringNamesAVersionAClickOpensItAndTheKeyboardSetsAAndB(FxRobot robot) throws Exception {
        open(robot, "Ada Lovelace", "of 5");
        robot.clickOn("Transaction time");
        BitemporalMap map = robot.lookup(".bitemporal-map").queryAs(BitemporalMap.class);
        waitFor(() -> map.model().planeProperty().get().versions().size() == 5);

        // Valid Feb 10 as known Feb 15: v2; as known since Apr 1: the back-dated v4.
        Point2D beforeCorrection = screen(map, "2026-02-10T00:00:00Z", "2026-02-15T00:00:00Z");
        robot.moveTo(beforeCorrection);
        waitFor(() -> map.model().hoveredProperty().get() != null
                && map.model().hoveredProperty().get().version().version() == 2);

        robot.clickOn(beforeCorrection);
        waitFor(() -> caption(robot).equals("version 2 of 5"));
        assertTrue(map.isFocused(), "a click gives the map the keyboard");

        robot.type(KeyCode.A);
        waitFor(() -> Long.valueOf(2).equals(ui.state().diffFromProperty().get()));
        robot.type(KeyCode.DOWN); // later knowledge of the same valid instant: the correction
        waitFor(() -> map.model().focusedProperty().get().version().version() == 4);
        waitFor(() -> label(robot, ".timeline-map-focus").startsWith("v4 is the answer for 2026-02-"));
        robot.type(KeyCode.B);
        waitFor(() -> Long.valueOf(4).equals(ui.state().diffToProperty().get()));
        robot.type(KeyCode.ENTER);
        waitFor(() -> caption(robot).equals("version 4 of 5"));
    }

    @Test
    void aOneVersionRecordShowsTheSliderThumbOnTheTrack(FxRobot robot) throws Exception {
        open(robot, "Grace Hopper", "of 1");
        robot.clickOn("Transaction time");
        waitFor(() -> caption(robot).equals("version 1 of 1"));
        
        Slider slider = robot.lookup(".timeline-slider").queryAs(Slider.class);
        Node thumb = slider.lookup(".thumb");
        Node track = slider.lookup(".track");
        waitFor(() -> thumb.isVisible() && thumb.getLayoutBounds().getWidth() > 0);
        Bounds thumbBounds = thumb.localToScene(thumb.getLayoutBounds());
        Bounds trackBounds = track.localToScene(track.getLayoutBounds());
        double centre = thumbBounds.getCenterX();
        assertTrue(centre >= trackBounds.getMinX() - 1 && centre <= trackBounds.getMaxX() + 1,
                "thumb at " + centre + " on a track " + trackBounds);
    }

    @Test
    void enterInTheDateFieldJumpsAndAJumpErrorShowsUnderTheRow(FxRobot robot) throws Exception {
        open(robot, "Ada Lovelace", "of 5");
        robot.clickOn("Transaction time");
        DatePicker date = robot.lookup(".timeline-jump-row .date-picker").queryAs(DatePicker.class);
        robot.clickOn(date.getEditor());
        robot.write("2026-02-15");
        robot.type(KeyCode.ENTER);
        waitFor(() -> caption(robot).equals("version 2 of 5"));

        TextField time = robot.lookup(".timeline-jump-row .text-field").match(node -> !(node.getParent() instanceof DatePicker))
                .queryAllAs(TextField.class).stream().filter(field -> field != date.getEditor()).findFirst().orElseThrow();
        robot.clickOn(time);
        robot.write("25:99");
        robot.type(KeyCode.ENTER);
        Label error = robot.lookup(".timeline-jump-error").queryAs(Label.class);
        waitFor(() -> error.isVisible() && error.getText().contains("is not a time"));
        Bounds errorBounds = error.localToScene(error.getLayoutBounds());
        Bounds fieldBounds = time.localToScene(time.getLayoutBounds());
        assertTrue(errorBounds.getMinY() >= fieldBounds.getMaxY(), "the error is under the row, not in it");
        assertTrue(fieldBounds.getWidth() > 60, "the time field keeps its width: " + fieldBounds.getWidth());
    }

    // ---- helpers ----

    private static Point2D screen(BitemporalMap map, String valid, String known) {
        double x = map.x(BitemporalRegions.micros(Instant.parse(valid)));
        double y = map.y(BitemporalRegions.micros(Instant.parse(known)));
        return map.localToScreen(x, y);
    }

    private static void open(FxRobot robot, String name, String countSuffix) throws TimeoutException {
        waitFor(() -> robot.lookup(name).tryQuery().isPresent());
        robot.clickOn(name);
        waitFor(() -> caption(robot).endsWith(countSuffix));
    }

    private static String caption(FxRobot robot) {
        return label(robot, ".timeline-version-badge");
    }

    private static String label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
