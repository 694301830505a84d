package io.timetravel.gui.snapshots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.gui.FxBackgroundTasks;
import io.timetravel.gui.RecordingDialogs;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.UserPreferences;
import io.timetravel.gui.Workbench;
import io.timetravel.gui.shell.WorkbenchApp;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
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

/** The Snapshots view in the window, driven by the keyboard: take one from the Tools menu's shortcut, then export it. */
@ExtendWith(ApplicationExtension.class)
class SnapshotsWindowTest {

    @TempDir
    static Path dir;
    static StoreFixture fixture;
    static FxBackgroundTasks tasks;
    static Workbench workbench;
    final RecordingDialogs dialogs = new RecordingDialogs();
    WorkbenchApp.Ui ui;

    @BeforeAll
    static void seed() {
        fixture = StoreFixture.open(dir.resolve("snapshots-window.db"));
        fixture.write(1, "{\"name\":\"Ada Lovelace\",\"region\":\"EU\"}");
        fixture.write(2, "{\"name\":\"Grace Hopper\",\"region\":\"US\"}");
        tasks = new FxBackgroundTasks();
        workbench = TestWorkbench.on(fixture, null);
    }

    @AfterAll
    static void close() {
        tasks.close();
        workbench.desk().snapshots().close();
        fixture.close();
    }

    @Start
    void start(Stage stage) {
        ui = WorkbenchApp.createUi(workbench, tasks, dialogs, UserPreferences.inMemory(42), ZoneOffset.UTC,
                Clock.systemUTC());
        ui.main().ensureUser();
        stage.setScene(ui.scene());
        stage.show();
    }

    private static Node focused(FxRobot robot) {
        return robot.lookup(".desk-tabs").query().getScene().getFocusOwner();
    }

    @Test
    void aSnapshotIsTakenFromTheMenuShortcutAndExportedWithItsSha256Verified(FxRobot robot) throws Exception {
        Path target = dir.resolve("exported-snapshot.ndjson.gz");
        dialogs.saveAnswer = Optional.of(target);
        dialogs.formAnswer = form -> {
            TakeSnapshotView view = (TakeSnapshotView) form.controller().get();
            view.viewModel().reasonProperty().set("window test");
            return true;
        };
        robot.clickOn(".desk-tabs");

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S).release(KeyCode.S, KeyCode.SHIFT, KeyCode.CONTROL);

        TableView<?> table = robot.lookup(".snapshots-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().size() == 1
                && "completed".equals(((SnapshotRow) table.getItems().get(0)).status()));
        assertEquals(List.of("form: Take a snapshot"), dialogs.shown);
        SnapshotRow row = (SnapshotRow) table.getItems().get(0);
        assertEquals(2, row.snapshot().recordCount());

        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        TextField filter = robot.lookup(".snapshots-filter").queryAs(TextField.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> focused(robot) == filter);
        robot.write("window").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> focused(robot) == table);
        robot.type(KeyCode.ENTER);

        Label verdict = robot.lookup(".export-verdict").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> verdict.getText().startsWith("\u2714 Verified"));
        assertTrue(verdict.getStyleClass().contains("verified"));
        String recorded = Sql.scalar(fixture.database().file(), "SELECT sha256 FROM snapshots");
        assertEquals(recorded, robot.lookup("#recordedSha").queryAs(TextField.class).getText());
        assertEquals(recorded, robot.lookup("#writtenSha").queryAs(TextField.class).getText());
        assertEquals(recorded, robot.lookup("#readBackSha").queryAs(TextField.class).getText());
        assertArrayEquals(Files.readAllBytes(Path.of(row.snapshot().file())), Files.readAllBytes(target));
    }
}
