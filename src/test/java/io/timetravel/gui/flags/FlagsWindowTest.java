package io.timetravel.gui.flags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.controls.ToggleSwitch;
import io.timetravel.gui.FxBackgroundTasks;
import io.timetravel.gui.RecordingDialogs;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.UserPreferences;
import io.timetravel.gui.shell.WorkbenchApp;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableView;
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

/** The Flags view in the window, driven by the keyboard alone: find a flag, switch it, move its rollout, add a region, apply with a reason. */
@ExtendWith(ApplicationExtension.class)
class FlagsWindowTest {

    @TempDir
    static Path dir;
    static StoreFixture fixture;
    static FxBackgroundTasks tasks;
    final RecordingDialogs dialogs = new RecordingDialogs();
    WorkbenchApp.Ui ui;

    @BeforeAll
    static void seed() {
        fixture = StoreFixture.open(dir.resolve("flags-window.db"));
        tasks = new FxBackgroundTasks();
    }

    @AfterAll
    static void close() {
        tasks.close();
        fixture.close();
    }

    @Start
    void start(Stage stage) {
        ui = WorkbenchApp.createUi(TestWorkbench.on(fixture, null), tasks, dialogs, UserPreferences.inMemory(42), ZoneOffset.UTC,
                Clock.systemUTC());
        ui.main().ensureUser();
        stage.setScene(ui.scene());
        stage.show();
    }

    private static void shortcut(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
    }

    private static Node focused(FxRobot robot) {
        return robot.lookup(".desk-tabs").query().getScene().getFocusOwner();
    }

    @Test
    void aFlagIsFoundSwitchedRolledBackAndAppliedWithAReasonFromTheKeyboard(FxRobot robot) throws Exception {
        dialogs.formAnswer = form -> {
            FlagChangeView view = (FlagChangeView) form.controller().get();
            assertEquals(List.of("Switch: On \u2192 Off", "Rollout: 100% \u2192 97%", "Regions: everywhere \u2192 EU"),
                    view.viewModel().lines());
            view.viewModel().reasonProperty().set("v2 misbehaves: off while we look");
            return true;
        };
        robot.clickOn(".desk-tabs");
        shortcut(robot, KeyCode.DIGIT3);
        TableView<?> table = robot.lookup(".flags-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> table.getItems().size() == 4);

        shortcut(robot, KeyCode.F);
        TextField filter = robot.lookup(".flags-filter").queryAs(TextField.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> focused(robot) == filter);
        robot.write("v2").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> focused(robot) == table);
        assertEquals("enable_v2_api", ((FlagRow) table.getSelectionModel().getSelectedItem()).key());

        robot.type(KeyCode.ENTER);
        ToggleSwitch toggle = robot.lookup(".flag-switch").queryAs(ToggleSwitch.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> focused(robot) == toggle);
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(toggle.isSelected(), "Space switched it off");
        assertEquals("Off", robot.lookup(".flag-switch-text").queryAs(Label.class).getText());

        robot.type(KeyCode.TAB);
        Slider slider = robot.lookup(".rollout-slider").queryAs(Slider.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> focused(robot) == slider);
        robot.type(KeyCode.LEFT, 3);
        TextField rollout = robot.lookup(".rollout-field").queryAs(TextField.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> "97".equals(rollout.getText()));
        assertTrue(robot.lookup(".flag-unsaved").query().isVisible(), "the edit is marked as not applied yet");

        robot.type(KeyCode.TAB, 2);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> focused(robot) instanceof javafx.scene.control.ComboBox
                || focused(robot).getParent() instanceof javafx.scene.control.ComboBox);
        robot.write("eu").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup(".region-chip").tryQuery().isPresent());
        assertEquals("EU  \u2715", robot.lookup(".region-chip").queryAs(javafx.scene.control.Button.class).getText());
        assertEquals(List.of(), dialogs.shown, "Enter in the region box adds the region, it does not apply");

        robot.type(KeyCode.TAB, 2);
        robot.type(KeyCode.ENTER);

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".flag-history-table").queryAs(TableView.class)
                .getItems().size() == 1);
        assertEquals(List.of("form: Change flag enable_v2_api"), dialogs.shown);
        assertEquals(List.of(List.of("0", "97 EU", "42", "v2 misbehaves: off while we look")), Sql.query(fixture.database().file(),
                "SELECT f.enabled, f.rollout_percentage || ' ' || f.regions, a.actor, a.reason FROM feature_flags f, audit_history a "
                        + "WHERE f.flag_key = 'enable_v2_api' AND a.event_type = 'FLAG_UPDATE'"));
        FlagHistoryRow entry = (FlagHistoryRow) robot.lookup(".flag-history-table").queryAs(TableView.class).getItems().get(0);
        assertEquals("Switch: On \u2192 Off \u00b7 Rollout: 100% \u2192 97% \u00b7 Regions: everywhere \u2192 EU", entry.change());
        assertFalse(robot.lookup(".flag-unsaved").query().isVisible(), "applied");
        assertSame(table.getSelectionModel().getSelectedItem(), table.getItems().stream()
                .filter(row -> ((FlagRow) row).key().equals("enable_v2_api")).findFirst().orElseThrow());
    }
}
