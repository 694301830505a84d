package io.timetravel.gui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.Styles;
import io.timetravel.gui.FxBackgroundTasks;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.diff.FieldRow;
import io.timetravel.service.WriteCommand;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.chart.Axis;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
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
 * The Timeline tab, driven headless: scrubbing with the keyboard, clicking and dragging on the
 * slider, the field table following with changed rows highlighted, and the axis switch placing a
 * back-dated correction differently.
 */
@ExtendWith(ApplicationExtension.class)
class TimelineWindowTest {

    @TempDir
    static Path dir;
    static StoreFixture fixture;
    static FxBackgroundTasks tasks;

    /**
     * Ada: v1 Jan 1, v2 Feb 1 premium 110, v3 Mar 1 Lyon, v4 recorded Apr 1 back-dated to Jan 15
     * (smoker), v5 May 1. Grace, recorded May 1: v1, v2 travelling only from May 10 to May 20, v3
     * effective Jun 1.
     */
    @BeforeAll
    static void seed() {
        MutableClock clock = MutableClock.at("2026-01-01T09:00:00Z");
        fixture = StoreFixture.open(dir.resolve("timeline-gui.db"), clock);
        fixture.write(1, "{\"name\":\"Ada Lovelace\",\"region\":\"EU\",\"premium\":100,\"address\":{\"city\":\"Paris\"}}");
        clock.set("2026-02-01T09:00:00Z");
        fixture.write(1, "{\"premium\":110}");
        clock.set("2026-03-01T09:00:00Z");
        fixture.write(1, "{\"address\":{\"city\":\"Lyon\"},\"smoker\":false}");
        clock.set("2026-04-01T09:00:00Z");
        fixture.write(1, "{\"smoker\":true}", Instant.parse("2026-01-15T00:00:00Z"), 9, "medical report received");
        clock.set("2026-05-01T09:00:00Z");
        fixture.write(1, "{\"premium\":null,\"nickname\":\"Ada\"}");
        fixture.write(2, "{\"name\":\"Grace Hopper\",\"region\":\"US\"}");
        fixture.records().write(new WriteCommand(2, StoreFixture.json("{\"status\":\"travelling\"}"),
                Instant.parse("2026-05-10T00:00:00Z"), Instant.parse("2026-05-20T00:00:00Z"), 7, "trip", "test", null, false)).join();
        fixture.write(2, "{\"plan\":\"gold\"}", Instant.parse("2026-06-01T00:00:00Z"), 7, "renewal");
        clock.set("2026-05-01T10:00:00Z"); // "now" for the record header: after every version was recorded
        tasks = new FxBackgroundTasks();
    }

    @AfterAll
    static void close() {
        tasks.close();
        fixture.close();
    }

    @Start
    void start(Stage stage) {
        stage.setScene(TestWorkbench.ui(TestWorkbench.on(fixture, null), tasks).scene());
        stage.show();
    }

    @Test
    void theKeyboardScrubsAndTheTableFollowsWithChangedRowsHighlighted(FxRobot robot) throws Exception {
        openAda(robot);
        robot.clickOn("Transaction time");
        robot.clickOn(".timeline-slider .thumb");

        robot.type(KeyCode.HOME);
        waitFor(() -> caption(robot).equals("version 1 of 5"));
        waitFor(() -> value(robot, "premium").equals(Optional.of("100")));
        assertEquals(Optional.of("diff-added"), highlight(robot, "premium"), "the first version adds every field");

        robot.type(KeyCode.RIGHT);
        waitFor(() -> caption(robot).equals("version 2 of 5"));
        waitFor(() -> value(robot, "premium").equals(Optional.of("110")));
        assertEquals(Optional.of("diff-changed"), highlight(robot, "premium"));
        assertEquals(Optional.empty(), highlight(robot, "name"));
        assertEquals("1 field changed", label(robot, ".timeline-changed-count"));

        robot.type(KeyCode.END);
        waitFor(() -> caption(robot).equals("version 5 of 5"));
        waitFor(() -> highlight(robot, "nickname").equals(Optional.of("diff-added")));
        assertEquals(Optional.of("diff-removed"), highlight(robot, "premium"), "a removed field stays visible, marked");

        robot.type(KeyCode.LEFT);
        waitFor(() -> caption(robot).equals("version 4 of 5"));
        waitFor(() -> label(robot, ".timeline-note").startsWith("v4 takes effect from 2026-01-15 00:00 (back-dated)"));
        assertEquals(Optional.of("false"), value(robot, "smoker"), "on Apr 1, v3 (effective later) still set smoker");
        assertTrue(robot.lookup(".timeline-note").query().getPseudoClassStates().contains(Styles.STATE_ACCENT),
                "a back-dated version informs, it does not warn");
    }

    @Test
    void clickingAndDraggingOnTheSliderMoveThere(FxRobot robot) throws Exception {
        openAda(robot);
        robot.clickOn("Transaction time");

        robot.clickOn(trackPoint(robot, 3));
        waitFor(() -> caption(robot).equals("version 3 of 5"));
        waitFor(() -> value(robot, "address.city").equals(Optional.of("Lyon")));
        assertEquals(Optional.of("diff-changed"), highlight(robot, "address.city"));

        robot.drag(".timeline-slider .thumb").moveTo(trackPoint(robot, 2)).moveTo(trackPoint(robot, 1)).release(
                javafx.scene.input.MouseButton.PRIMARY);
        waitFor(() -> caption(robot).equals("version 1 of 5"));
        waitFor(() -> value(robot, "address.city").equals(Optional.of("Paris")));
    }

    @Test
    void theAxisSwitchPlacesABackDatedCorrectionAtItsEffectiveTime(FxRobot robot) throws Exception {
        openAda(robot);
        robot.clickOn("Transaction time");
        robot.clickOn(".timeline-slider .thumb");
        robot.type(KeyCode.END).type(KeyCode.LEFT);
        waitFor(() -> caption(robot).equals("version 4 of 5"));
        Slider slider = robot.lookup(".timeline-slider").queryAs(Slider.class);
        assertEquals(4, Math.round(slider.getValue()));

        robot.clickOn("Valid time");
        waitFor(() -> caption(robot).equals("version 4 · step 2 of 5"));
        waitFor(() -> value(robot, "smoker").equals(Optional.of("true")));
        assertEquals(2, Math.round(slider.getValue()));
        assertEquals(Optional.of("diff-added"), highlight(robot, "smoker"));
        assertTrue(label(robot, ".timeline-note").startsWith("Each step is when a version took effect"),
                "no note on this axis: the line explains the axis instead");
        assertEquals("2026-01-15 00:00:00 UTC", label(robot, ".timeline-instant"));

        // From Jan 15 the correction holds on, through v2's Feb 1, until v3 sets smoker again on Mar 1.
        robot.clickOn(".timeline-slider .thumb").type(KeyCode.RIGHT);
        waitFor(() -> caption(robot).equals("version 2 · step 3 of 5"));
        waitFor(() -> value(robot, "premium").equals(Optional.of("110")));
        assertEquals(Optional.of("true"), value(robot, "smoker"));
        assertEquals(Optional.empty(), highlight(robot, "smoker"));
    }

    @Test
    void typingADateOrAnInstantJumpsThere(FxRobot robot) throws Exception {
        openAda(robot);
        robot.clickOn("Transaction time");

        robot.clickOn("#jumpTime").write("2026-03-15").type(KeyCode.ENTER);
        waitFor(() -> caption(robot).equals("version 3 of 5"));

        robot.clickOn("#jumpDate").write("2026-02-20").type(KeyCode.ENTER);
        robot.clickOn("#jumpTime").push(KeyCode.CONTROL, KeyCode.A).write("10:00").type(KeyCode.ENTER);
        waitFor(() -> caption(robot).equals("version 2 of 5"));

        robot.clickOn("#jumpTime").push(KeyCode.CONTROL, KeyCode.A).write("soon").type(KeyCode.ENTER);
        waitFor(() -> label(robot, ".timeline-jump-error").contains("is not a time"));
        assertTrue(robot.lookup("#jumpTime").query().getPseudoClassStates().contains(Styles.STATE_DANGER));
        assertEquals("version 2 of 5", caption(robot));
    }

    @Test
    void aBoundedVersionIsMarkedOnTheTrackAndItsPeriodIsInTheCaption(FxRobot robot) throws Exception {
        waitFor(() -> robot.lookup("Grace Hopper").tryQuery().isPresent());
        robot.clickOn("Grace Hopper");
        robot.clickOn("Valid time");
        waitFor(() -> caption(robot).equals("version 3 · step 3 of 3"));
        robot.clickOn(".timeline-slider .thumb").type(KeyCode.LEFT);
        waitFor(() -> caption(robot).equals("version 2 · step 2 of 3"));
        waitFor(() -> value(robot, "status").equals(Optional.of("travelling")));
        assertTrue(label(robot, ".timeline-details").contains("valid 2026-05-10 00:00 \u2192 2026-05-20 00:00"),
                label(robot, ".timeline-details"));
        assertTrue(label(robot, ".timeline-note").startsWith("v2 holds only until 2026-05-20 00:00"));

        // One bar, from v2 (where the thumb is) to 10 of the 22 days towards v3 (Jun 1), at the slider's end.
        waitFor(() -> robot.lookup("." + PeriodMarksPane.MARK).queryAll().size() == 1);
        Node mark = robot.lookup("." + PeriodMarksPane.MARK).query();
        Bounds bar = mark.localToScreen(mark.getLayoutBounds());
        Node thumb = robot.lookup(".timeline-slider .thumb").query();
        Bounds at = thumb.localToScreen(thumb.getLayoutBounds());
        double from = at.getCenterX();
        double to = tick(robot, 3);
        assertEquals(tick(robot, 2), from, 1.5, "the thumb sits on its tick");
        assertEquals(from, bar.getMinX() + 1.5, 2, "starts at v2");
        assertEquals(from + (to - from) * 10 / 22, bar.getMaxX() - 1.5, 2, "ends where May 20 falls");
        assertTrue(bar.getHeight() >= 3);

        // On the transaction axis v2 is marked too, and its note warns: it was not yet true when recorded.
        robot.clickOn("Transaction time");
        waitFor(() -> caption(robot).equals("version 2 of 3"));
        waitFor(() -> label(robot, ".timeline-note").equals(
                "v2 takes effect from 2026-05-10 00:00; not yet true when it was recorded."));
        assertTrue(robot.lookup(".timeline-note").query().getPseudoClassStates().contains(Styles.STATE_WARNING));
        waitFor(() -> robot.lookup("." + PeriodMarksPane.MARK).queryAll().size() == 1);
        assertEquals(Optional.empty(), value(robot, "status"), "as recorded, the trip had not started");
    }

    // ---- helpers ----

    private static void openAda(FxRobot robot) throws TimeoutException {
        waitFor(() -> robot.lookup("Ada Lovelace").tryQuery().isPresent());
        robot.clickOn("Ada Lovelace");
        waitFor(() -> caption(robot).endsWith("of 5"));
    }

    private static String caption(FxRobot robot) {
        return label(robot, ".timeline-version-badge");
    }

    private static String label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    /** The screen point of a position on the slider's track (positions 1..5). */
    private static Point2D trackPoint(FxRobot robot, int position) {
        Slider slider = robot.lookup(".timeline-slider").queryAs(Slider.class);
        Node track = slider.lookup(".track");
        double fraction = (position - slider.getMin()) / (slider.getMax() - slider.getMin());
        double x = track.getLayoutBounds().getMinX() + fraction * track.getLayoutBounds().getWidth();
        return track.localToScreen(x, track.getLayoutBounds().getHeight() / 2);
    }

    /** The screen x of a position's tick on the slider. */
    private static double tick(FxRobot robot, int position) {
        @SuppressWarnings("unchecked")
        Axis<Number> axis = (Axis<Number>) robot.lookup(".timeline-slider .axis").query();
        return axis.localToScreen(axis.getDisplayPosition(position), 0).getX();
    }

    /** The text the table shows in the Value column of a field's row, if the row is on screen ("—" where absent). */
    private static Optional<String> value(FxRobot robot, String path) {
        return robot.lookup(".timeline-field-table .table-cell.value-column").queryAllAs(TableCell.class).stream()
                .filter(cell -> cell.getTableRow() != null && cell.getTableRow().getItem() instanceof FieldRow row
                        && row.path().equals(path))
                .map(cell -> ((TableCell<?, ?>) cell).getText())
                .findFirst();
    }

    /** The diff style class of a field's row, if any. */
    private static Optional<String> highlight(FxRobot robot, String path) {
        return robot.lookup(".timeline-field-table .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(row -> row.getItem() instanceof FieldRow field && field.path().equals(path))
                .findFirst()
                .flatMap(row -> ((TableRow<?>) row).getStyleClass().stream()
                        .filter(c -> c.startsWith("diff-") && !c.equals("diff-unchanged")).findFirst());
    }

    private static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
