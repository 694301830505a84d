package io.timetravel.gui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.gui.DeskView;
import io.timetravel.gui.FxBackgroundTasks;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.UserPreferences;
import io.timetravel.gui.WindowPlacement;
import io.timetravel.gui.shell.WorkbenchApp;
import io.timetravel.gui.WorkbenchCommand;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
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

/** The window frame, driven by the keyboard: views by Ctrl+digit, menu commands, menus with mnemonics. */
@ExtendWith(ApplicationExtension.class)
class MenusAndKeysWindowTest {

    @TempDir
    static Path dir;
    static StoreFixture fixture;
    static FxBackgroundTasks tasks;
    WorkbenchApp.Ui ui;
    Stage stage;
    final List<WorkbenchCommand> commands = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void seed() {
        fixture = StoreFixture.open(dir.resolve("shell.db"));
        fixture.write(1, "{\"name\":\"Ada Lovelace\",\"region\":\"EU\"}");
        tasks = new FxBackgroundTasks();
    }

    @AfterAll
    static void close() {
        tasks.close();
        fixture.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        ui = TestWorkbench.ui(TestWorkbench.on(fixture, null), tasks);
        ui.state().commandProperty().addListener((observable, old, command) -> {
            if (command != null) {
                commands.add(command);
            }
        });
        stage.setScene(ui.scene());
        stage.show();
    }

    private DeskView visible(FxRobot robot) {
        TabPane tabs = robot.lookup(".desk-tabs").queryAs(TabPane.class);
        return (DeskView) tabs.getSelectionModel().getSelectedItem().getUserData();
    }

    @Test
    void ctrlAndADigitBringEachViewForward(FxRobot robot) throws Exception {
        robot.clickOn(".desk-tabs");
        for (DeskView view : List.of(DeskView.AUDIT, DeskView.FLAGS, DeskView.SNAPSHOTS, DeskView.DASHBOARD, DeskView.ACCESS,
                DeskView.RECALCULATIONS, DeskView.RECORDS)) {
            KeyCode digit = KeyCode.valueOf("DIGIT" + (view.ordinal() + 1));
            robot.press(KeyCode.CONTROL, digit).release(digit, KeyCode.CONTROL);
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> visible(robot) == view);
            assertEquals(view, ui.state().visibleViewProperty().get());
        }
    }

    @Test
    void functionKeysAndShortcutsReachTheViews(FxRobot robot) throws Exception {
        robot.clickOn(".desk-tabs");
        robot.type(KeyCode.F5);
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> commands.size() >= 2);
        assertEquals(List.of(WorkbenchCommand.REFRESH, WorkbenchCommand.FIND), commands.subList(0, 2));

        robot.interact(() -> ui.state().selectedRecordProperty().set(1L));
        robot.press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> commands.contains(WorkbenchCommand.DIFF));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS,
                () -> "Diff".equals(robot.lookup(".record-tabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getText()));
    }

    @Test
    void everyMenuHasAMnemonicOfItsOwnAndTheViewMenuNamesEveryView(FxRobot robot) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        List<String> names = new ArrayList<>();
        Set<Character> letters = new HashSet<>();
        for (Menu menu : bar.getMenus()) {
            names.add(menu.getText().replace("_", ""));
            assertTrue(menu.isMnemonicParsing(), menu.getText());
            int underscore = menu.getText().indexOf('_');
            assertTrue(underscore >= 0, "a mnemonic in " + menu.getText());
            assertTrue(letters.add(Character.toLowerCase(menu.getText().charAt(underscore + 1))), "unique: " + menu.getText());
        }
        assertEquals(List.of("File", "View", "Record", "Tools", "Help"), names);
        Menu view = bar.getMenus().get(1);
        for (DeskView desk : DeskView.values()) {
            MenuItem item = view.getItems().get(desk.ordinal());
            assertEquals(desk.title(), item.getText());
            assertEquals(desk.accelerator(), item.getAccelerator());
        }
        Menu record = bar.getMenus().get(2);
        assertNotNull(record.getItems().get(0).getAccelerator(), "Edit has Ctrl+E");
    }

    @Test
    void inEveryViewEachAltLetterBelongsToOneControl(FxRobot robot) throws Exception {
        for (DeskView view : DeskView.values()) {
            robot.interact(() -> ui.state().showView(view));
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> visible(robot) == view);
            WaitForAsyncUtils.waitForFxEvents();
            java.util.Map<String, Integer> shared = WaitForAsyncUtils.asyncFx(() -> {
                java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
                ui.scene().getMnemonics().forEach((keys, mnemonics) -> {
                    if (mnemonics.size() > 1) {
                        counts.put(keys.getName(), mnemonics.size());
                    }
                });
                return counts;
            }).get();
            assertTrue(shared.isEmpty(), view + ": letters claimed by more than one control " + shared);
        }
    }

    @Test
    void theWindowReopensWhereItWasClosed(FxRobot robot) {
        UserPreferences preferences = UserPreferences.inMemory(1);
        // A window of its own: the tests' shared stage keeps its size for the tests after this one.
        robot.interact(() -> {
            Stage window = new Stage();
            window.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 300, 200));
            window.setX(40);
            window.setY(30);
            window.setWidth(1100);
            window.setHeight(720);
            window.show();
            WindowPlacement.rememberOnClose(window, preferences);
            window.hide();
        });
        assertEquals(new UserPreferences.WindowBounds(40, 30, 1100, 720, false), preferences.windowBounds().orElseThrow());

        robot.interact(() -> {
            Stage again = new Stage();
            WindowPlacement.restore(again, preferences);
            assertEquals(40, again.getX());
            assertEquals(1100, again.getWidth());
            assertEquals(720, again.getHeight());
        });
    }
}
