package io.timetravel.gui.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.FieldPolicy;
import io.timetravel.domain.access.Role;
import io.timetravel.gui.FxBackgroundTasks;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.shell.WorkbenchApp;
import io.timetravel.service.AccessService;
import io.timetravel.service.NewUser;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window as an auditor mapped to the OS account sees it: no editing, and why; personal data masked. */
@ExtendWith(ApplicationExtension.class)
class AccessWindowTest {

    @TempDir
    static Path dir;
    static StoreFixture fixture;
    static FxBackgroundTasks tasks;
    WorkbenchApp.Ui ui;

    @BeforeAll
    static void seed() {
        fixture = StoreFixture.open(dir.resolve("access-window.db"));
        AccessService access = TestWorkbench.accessService(fixture);
        access.addUser(new NewUser(7, "Alice", Set.of(Role.AUDITOR), false, "alice"), Actor.ANONYMOUS).join();
        access.setPolicy(new FieldPolicy("email", FieldPolicy.Masking.PARTIAL, 4), Actor.ANONYMOUS).join();
        fixture.write(1, "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"premium\":100}");
        fixture.write(1, "{\"premium\":150}");
        tasks = new FxBackgroundTasks();
    }

    @AfterAll
    static void close() {
        tasks.close();
        fixture.close();
    }

    @Start
    void start(Stage stage) {
        ui = TestWorkbench.ui(TestWorkbench.on(fixture, null, "alice"), tasks);
        stage.setScene(ui.scene());
        stage.show();
    }

    @Test
    void anAuditorSeesEditDisabledWithTheReasonAndTheEmailMasked(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> ui.state().caller().id() == 7);
        robot.interact(() -> ui.state().selectedRecordProperty().set(1L));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("Ada Lovelace").tryQuery().isPresent());

        Button edit = robot.lookup("#editButton").queryButton();
        assertTrue(edit.isDisabled());
        assertTrue(robot.lookup("#restoreButton").queryButton().isDisabled());
        assertEquals("User 7 · auditor · verified", robot.lookup(".status-user").queryAs(Label.class).getText());

        // The tooltip sits on the guard around the disabled button, and shows when the mouse rests there.
        Node guard = robot.lookup("#editGuard").query();
        assertEquals("Needs the role underwriter or admin", guard.getAccessibleHelp());
        robot.moveTo(guard);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> shownTooltip(robot) != null);
        assertEquals("Needs the role underwriter or admin", shownTooltip(robot).getText());

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> cellShowing(robot, "****.com"));
        assertFalse(cellShowing(robot, "ada@example.com"), "the real address is nowhere on screen");
    }

    private static Tooltip shownTooltip(FxRobot robot) {
        for (Window window : robot.listWindows()) {
            if (window instanceof Tooltip tooltip && tooltip.isShowing()) {
                return tooltip;
            }
        }
        return null;
    }

    private static boolean cellShowing(FxRobot robot, String text) {
        return robot.lookup(".table-cell").queryAll().stream()
                .anyMatch(cell -> text.equals(((Labeled) cell).getText()) && cell.isVisible());
    }
}
