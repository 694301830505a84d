package io.timetravel.gui;

import io.timetravel.gui.shell.WorkbenchApp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.app.AppContext;
import io.timetravel.gui.records.RecordRow;
import io.timetravel.testing.Sql;
import io.timetravel.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
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
 * The real workbench window on the real application (store, services, HTTP listener), driven
 * headless: editing and restoring through the real dialogs, and API writes showing up live.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchWindowTest {

    @TempDir
    Path dir;
    TestServer server;
    FxBackgroundTasks tasks;

    @Start
    void start(Stage stage) {
        server = TestServer.start(dir.resolve("w.db"));
        server.post("/api/v2/records/1", "{\"name\":\"Ada Lovelace\",\"region\":\"EU\",\"premium\":100}", "X-User-ID", "5");
        server.post("/api/v2/records/1", "{\"premium\":150}", "X-User-ID", "5");
        tasks = new FxBackgroundTasks();
        AppContext context = server.context();
        Workbench workbench = new Workbench(context.records(), context.history(), context.eventLog(),
                WorkbenchAccess.of(context.access()), new Desk(context.audit(), context.ledger(), context.flags(),
                context.snapshots(), context.access(), context.metrics(), context.premiums(), context.recalculations()), TestWorkbench.UNMAPPED_OS_USER,
                server.database().toString(), server.baseUrl(), null, "test", false);
        WorkbenchApp.Ui ui = WorkbenchApp.createUi(workbench, tasks, new FxDialogService(() -> stage),
                UserPreferences.inMemory(42), ZoneOffset.UTC, Clock.systemUTC());
        ui.main().ensureUser();
        stage.setScene(ui.scene());
        stage.show();
    }

    @AfterEach
    void stop() {
        tasks.close();
        server.close();
    }

    private void selectRecord(FxRobot robot, long id) throws Exception {
        TableView<RecordRow> table = robot.lookup(".records-table").queryTableView();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> table.getItems().stream().anyMatch(row -> row.id() == id));
        robot.interact(() -> table.getSelectionModel().select(table.getItems().stream().filter(row -> row.id() == id).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !robot.lookup("#editButton").queryButton().isDisabled());
    }

    private long versions(long id) {
        return Sql.count(server.database(), "SELECT count(*) FROM policyholder_records WHERE record_id = " + id);
    }

    @Test
    void editingAFieldCreatesAVersionAsTheUser(FxRobot robot) throws Exception {
        selectRecord(robot, 1);
        robot.clickOn("#editButton");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#valueArea").tryQuery().isPresent());

        robot.interact(() -> {
            TableView<?> fields = robot.lookup("#fieldTable").queryTableView();
            fields.getSelectionModel().select(2); // premium
        });
        TextArea value = robot.lookup("#valueArea").query();
        robot.interact(() -> value.setText("175"));
        robot.clickOn(".dialog-pane #reasonField").write("renewal");
        robot.clickOn("Save as new version");

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> versions(1) == 3);
        assertEquals("42|renewal|UPDATE", String.join("|", Sql.query(server.database(),
                "SELECT actor, reason, operation FROM policyholder_records WHERE record_id = 1 AND version = 3").get(0)));
        assertEquals("0", Sql.scalar(server.database(), "SELECT actor_verified FROM audit_history"
                + " WHERE record_id = 1 ORDER BY id DESC LIMIT 1"), "a typed-in user is declared");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS,
                () -> robot.lookup(".record-subtitle").queryAs(Label.class).getText().contains("3 versions"));
    }

    @Test
    void aChangeValidUntilADateIsRefusedInlineWhenItEndsTooSoonAndSavedWithItsValidTo(FxRobot robot) throws Exception {
        selectRecord(robot, 1);
        robot.clickOn("#editButton");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#valueArea").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#fieldTable").queryTableView().getSelectionModel().select(2)); // premium
        TextArea value = robot.lookup("#valueArea").query();
        robot.interact(() -> value.setText("175"));

        robot.clickOn("#validToBox");
        DatePicker until = robot.lookup("#validToDatePicker").query();
        robot.interact(() -> until.setValue(LocalDate.now(ZoneOffset.UTC).minusDays(1)));
        Label inline = robot.lookup("#datesProblemLabel").query();
        assertEquals("Valid until must be later than now: the change takes effect when it is saved.", inline.getText());
        assertTrue(inline.isVisible() && inline.getHeight() > 0, "next to the dates");
        assertFalse(robot.lookup(".dialog-pane #problemLabel").query().isVisible(), "said once");
        Button save = robot.lookup("Save as new version").queryButton();
        assertTrue(save.isDisabled());

        LocalDate later = LocalDate.now(ZoneOffset.UTC).plusDays(30);
        robot.interact(() -> until.setValue(later));
        assertEquals("", inline.getText());
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !save.isDisabled());
        robot.clickOn(save);

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> versions(1) == 3);
        assertEquals(later + "T00:00:00.000000Z", Sql.scalar(server.database(),
                "SELECT valid_to FROM policyholder_records WHERE record_id = 1 AND version = 3"));
    }

    @Test
    void restoreIsRefusedWithoutAReasonAndDoneWithOne(FxRobot robot) throws Exception {
        selectRecord(robot, 1);
        robot.clickOn("#restoreButton");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#previewTable").tryQuery().isPresent());
        Button ok = robot.lookup("Restore as new version").queryButton();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !robot.lookup("#previewTable").queryTableView().getItems().isEmpty());

        assertTrue(ok.isDisabled(), "no reason, no restore");
        Label problem = robot.lookup(".dialog-pane #problemLabel").queryAs(Label.class);
        assertEquals("", problem.getText(), "no reproach before the user has been in the reason field");
        assertTrue(robot.lookup(".preview-table .diff-changed").tryQuery().isPresent(), "the premium change is shown as changed");

        robot.clickOn(".dialog-pane #reasonField").write("x").eraseText(1);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> "A reason is required to restore a record.".equals(problem.getText()));

        robot.write("premium entered twice");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !ok.isDisabled());
        robot.clickOn(ok);

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> versions(1) == 3);
        assertEquals("RESTORE|premium entered twice|42", String.join("|", Sql.query(server.database(),
                "SELECT operation, reason, actor FROM policyholder_records WHERE record_id = 1 AND version = 3").get(0)));
        assertEquals("100", server.get("/api/v2/records/1", "X-User-ID", "1").json().getOrNull("data").toString()
                .replaceAll(".*\"premium\":(\\d+).*", "$1"), "the premium is back to version 1's");
    }

    @Test
    void aWriteThroughTheApiAppearsWithoutARefresh(FxRobot robot) throws Exception {
        selectRecord(robot, 1);
        TableView<RecordRow> table = robot.lookup(".records-table").queryTableView();

        server.post("/api/v2/records/2", "{\"name\":\"Grace Hopper\",\"region\":\"US\"}", "X-User-ID", "9");
        server.post("/api/v2/records/1", "{\"premium\":999}", "X-User-ID", "9");

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> table.getItems().stream().anyMatch(row -> row.id() == 2));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS,
                () -> robot.lookup(".record-subtitle").queryAs(Label.class).getText().contains("3 versions"));
        // A reload replaces the rows; the selection comes back to the record being read.
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> table.getSelectionModel().getSelectedItem() != null
                && table.getSelectionModel().getSelectedItem().id() == 1L);
        Node status = robot.lookup("Listening on " + server.baseUrl()).query();
        assertTrue(status.isVisible());
        assertTrue(robot.lookup("User 42 · every role · declared").tryQuery().isPresent());
        TextField search = robot.lookup("#searchField").query();
        assertEquals("", search.getText());
    }
}
