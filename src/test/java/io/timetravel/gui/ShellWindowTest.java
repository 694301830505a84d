package io.timetravel.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.gui.records.RecordRow;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
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

/** The workbench window, driven headless: it lists the records and searches them. */
@ExtendWith(ApplicationExtension.class)
class ShellWindowTest {

    @TempDir
    static Path dir;
    static StoreFixture fixture;
    static FxBackgroundTasks tasks;

    @BeforeAll
    static void seed() {
        fixture = StoreFixture.open(dir.resolve("gui.db"));
        fixture.write(1, "{\"name\":\"Ada Lovelace\",\"region\":\"EU\"}");
        fixture.write(2, "{\"name\":\"Grace Hopper\",\"region\":\"US\"}");
        fixture.write(2, "{\"smoker\":false}");
        fixture.write(3, "{\"name\":\"Alan Turing\",\"region\":\"EU\"}");
        tasks = new FxBackgroundTasks();
    }

    @AfterAll
    static void close() {
        tasks.close();
        fixture.close();
    }

    @Start
    void start(Stage stage) {
        stage.setScene(TestWorkbench.ui(TestWorkbench.on(fixture, "http://127.0.0.1:8000"), tasks).scene());
        stage.show();
    }

    @Test
    void listsEveryRecordWithItsVersionCount(FxRobot robot) throws Exception {
        TableView<RecordRow> table = robot.lookup(".records-table").queryTableView();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> table.getItems().size() == 3);

        assertEquals("Grace Hopper", table.getItems().get(1).name());
        assertEquals(2, table.getItems().get(1).versions());
        assertEquals("3 records", robot.lookup(".footer .label").queryAs(Label.class).getText());
        // What the user sees: the cells show the values, not just the rows being there.
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup(".table-cell").queryAll().stream()
                .anyMatch(cell -> "Grace Hopper".equals(((javafx.scene.control.Labeled) cell).getText())));
    }

    @Test
    void searchingNarrowsTheList(FxRobot robot) throws Exception {
        TableView<RecordRow> table = robot.lookup(".records-table").queryTableView();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> table.getItems().size() == 3);

        robot.clickOn("#searchField").write("turing");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> table.getItems().size() == 1);

        assertEquals(3, table.getItems().get(0).id());
    }

    @Test
    void theStatusBarShowsTheDatabaseAndTheListener(FxRobot robot) {
        assertTrue(robot.lookup("Database: db/test.db").tryQuery().isPresent());
        assertTrue(robot.lookup("Listening on http://127.0.0.1:8000").tryQuery().isPresent());
    }
}
