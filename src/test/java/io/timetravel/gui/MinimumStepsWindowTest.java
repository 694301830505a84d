package io.timetravel.gui;

import io.timetravel.gui.shell.WorkbenchApp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.Operation;
import io.timetravel.domain.RecordVersion;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
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
 * The auditor's three errands from the record list, done with the keyboard alone, counting the
 * actions: the record as known on a date in at most 3, a comparison of two points in at most 2
 * more, a restore with a reason in at most 3. An action is one shortcut, or one field filled in
 * and confirmed with Enter (what a click in a field, the typing and the click on its button
 * would be with a mouse). Waiting for the window to answer is not an action.
 */
@ExtendWith(ApplicationExtension.class)
class MinimumStepsWindowTest {

    @TempDir
    Path dir;
    StoreFixture fixture;
    FxBackgroundTasks tasks;
    WorkbenchApp.Ui ui;
    final List<String> actions = new ArrayList<>();

    /** Record 1: premium 100 (recorded 2026-01-10), 150 (2026-02-10), 1,500 (2026-03-10). */
    private void seed() {
        MutableClock clock = MutableClock.at("2026-01-10T09:00:00Z");
        fixture = StoreFixture.open(dir.resolve("steps.db"), clock);
        fixture.write(1, "{\"name\":\"Ada Lovelace\",\"region\":\"EU\",\"premium\":100}");
        clock.advance(Duration.ofDays(31)); // 2026-02-10
        fixture.write(1, "{\"premium\":150}");
        clock.advance(Duration.ofDays(28)); // 2026-03-10
        fixture.write(1, "{\"premium\":1500}");
        fixture.write(2, "{\"name\":\"Grace Hopper\",\"region\":\"US\"}");
    }

    @Start
    void start(Stage stage) {
        seed(); // @Start runs before @BeforeEach
        tasks = new FxBackgroundTasks();
        ui = WorkbenchApp.createUi(TestWorkbench.on(fixture, null), tasks, new FxDialogService(() -> stage),
                UserPreferences.inMemory(42), ZoneOffset.UTC, Clock.systemUTC());
        ui.main().ensureUser();
        stage.setScene(ui.scene());
        stage.show();
    }

    @AfterEach
    void stop() {
        tasks.close();
        fixture.close();
    }

    /** One user action: done, counted, and then waited for until {@code done} holds. */
    private void act(String what, Runnable action, Supplier<Boolean> done) throws Exception {
        actions.add(what);
        action.run();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, done::get);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The record list is showing, with the keyboard in its search box; nothing is selected. */
    private void atTheRecordList(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> ui.records().rows().size() == 2 && !ui.records().loadingProperty().get());
        TextField search = robot.lookup(".records-pane .text-field").queryAs(TextField.class);
        robot.interact(search::requestFocus);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, search::isFocused);
        actions.clear();
    }

    /** Path one: from the list to "record 1 as known on 2026-02-20" (version 2, recorded 2026-02-10). */
    private void asKnownOn(FxRobot robot) throws Exception {
        act("type the name in the search box, Enter", () -> robot.write("Ada").type(KeyCode.ENTER),
                () -> Long.valueOf(1).equals(ui.state().selectedRecordProperty().get()) && ui.state().cursorVersionProperty().get() != null
                        && !robot.lookup("#editButton").queryButton().isDisabled());
        act("Ctrl+Shift+J: jump to a date as known then", () -> robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.J),
                () -> ui.state().timeAxisProperty().get() == TimeAxis.TRANSACTION && robot.lookup("#jumpDate").query().isFocused());
        act("type the date, Enter", () -> robot.write("2026-02-20").type(KeyCode.ENTER),
                () -> Long.valueOf(2).equals(ui.state().cursorVersionProperty().get()));
        assertEquals(3, actions.size(), "as known on a date: " + actions);
        assertTrue(robot.lookup("#transactionButton").queryAs(javafx.scene.control.ToggleButton.class).isSelected(),
                "the axis switch shows transaction time");
    }

    @Test
    void theRecordAsKnownOnADateThenAComparisonWithNow(FxRobot robot) throws Exception {
        atTheRecordList(robot);
        asKnownOn(robot);

        actions.clear();
        act("Ctrl+D: compare this point with now", () -> robot.push(KeyCode.CONTROL, KeyCode.D),
                () -> sideTitles(robot).equals(List.of("Version 2", "Version 3")));
        assertTrue(actions.size() <= 2, "a comparison of two points: " + actions);
        TabPane tabs = robot.lookup(".record-tabs").queryAs(TabPane.class);
        assertEquals("Diff", tabs.getSelectionModel().getSelectedItem().getText());
        assertEquals("0 added \u00b7 1 changed \u00b7 0 removed \u00b7 2 unchanged", robot.lookup(".diff-summary").queryLabeled().getText());
    }

    @Test
    void aRestoreWithAReasonFromThePointFound(FxRobot robot) throws Exception {
        atTheRecordList(robot);
        asKnownOn(robot);

        actions.clear();
        act("Ctrl+R: restore", () -> robot.push(KeyCode.CONTROL, KeyCode.R),
                () -> robot.lookup(".dialog-pane #reasonField").tryQuery().map(field -> field.isFocused()).orElse(false)
                        && !robot.lookup("#previewTable").queryTableView().getItems().isEmpty());
        // A desktop gives a new dialog the keyboard; the headless platform activates a window
        // only when it is clicked, so the test clicks the dialog's text (no control, not a user
        // action: it does what the window manager would). The keyboard stays in the reason.
        robot.clickOn("#headerLabel");
        Spinner<?> version = robot.lookup("#versionSpinner").queryAs(Spinner.class);
        assertEquals(2, version.getValue(), "the timeline's point is offered");
        assertEquals("", robot.lookup(".dialog-pane #problemLabel").queryAs(Label.class).getText());
        act("type the reason, Enter", () -> robot.write("premium raised by mistake").type(KeyCode.ENTER),
                () -> fixture.records().versions(1, 1, 0).total() == 4);

        assertTrue(actions.size() <= 3, "a restore with a reason: " + actions);
        RecordVersion restored = fixture.records().version(1, 4);
        assertEquals(Operation.RESTORE, restored.operation());
        assertEquals("premium raised by mistake", restored.reason());
        assertEquals(StoreFixture.json("{\"name\":\"Ada Lovelace\",\"region\":\"EU\",\"premium\":150}"), restored.data());
    }

    private static List<String> sideTitles(FxRobot robot) {
        return robot.lookup("#diffTable .side-title").queryAllAs(Label.class).stream()
                .sorted((a, b) -> Double.compare(a.localToScene(0, 0).getX(), b.localToScene(0, 0).getX()))
                .map(Label::getText).toList();
    }
}
