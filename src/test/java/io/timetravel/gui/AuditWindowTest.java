package io.timetravel.gui;

import io.timetravel.gui.shell.WorkbenchApp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.gui.audit.AuditRow;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

/** The audit browser in the window, driven from the keyboard: filter, select, open in the timeline, verify. */
@ExtendWith(ApplicationExtension.class)
class AuditWindowTest {

    @TempDir
    static Path dir;
    static StoreFixture fixture;
    static FxBackgroundTasks tasks;
    WorkbenchApp.Ui ui;

    @BeforeAll
    static void seed() {
        fixture = StoreFixture.open(dir.resolve("audit-window.db"));
        fixture.write(1, "{\"name\":\"Ada Lovelace\",\"region\":\"EU\"}");
        fixture.write(2, "{\"name\":\"Grace Hopper\",\"smoker\":false}");
        fixture.write(3, "{\"name\":\"Alan Turing\",\"region\":\"EU\"}");
        fixture.write(2, "{\"smoker\":true}", null, 11, "medical review");
        fixture.write(3, "{\"region\":\"UK\"}");
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
        stage.show();
    }

    @Test
    void filtersSelectsOpensInTheTimelineAndVerifiesFromTheKeyboard(FxRobot robot) throws Exception {
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ui.state().visibleViewProperty().get() == DeskView.AUDIT);
        @SuppressWarnings("unchecked")
        TableView<AuditRow> table = robot.lookup(".audit-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 5);

        // Ctrl+F puts the keyboard in the record filter; Enter applies it.
        robot.push(KeyCode.CONTROL, KeyCode.F);
        TextField record = robot.lookup("#auditRecordField").queryAs(TextField.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, record::isFocused);
        robot.write("2").push(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        assertEquals("2", table.getItems().get(0).record());
        assertEquals("2 audit entries match, newest first", robot.lookup("#auditStatusLabel").queryAs(Label.class).getText());

        // Tab goes through the filters, then to the table.
        List<String> path = new ArrayList<>();
        for (int i = 0; i < 12 && !table.isFocused(); i++) {
            robot.push(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
            Node owner = ui.scene().getFocusOwner();
            path.add(owner == null || owner.getId() == null ? "?" : owner.getId());
        }
        assertTrue(table.isFocused(), () -> "the table after the filters: " + path);
        assertTrue(path.indexOf("auditActorField") < path.indexOf("auditFromField") && path.indexOf("auditToField") < path.size() - 1, path::toString);

        robot.push(KeyCode.HOME);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getSelectionModel().getSelectedIndex() == 0);
        Label title = robot.lookup(".audit-detail .detail-title").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> title.getText().equals("Entry 4 \u00b7 Update \u00b7 record 2 version 2"));
        TextField hash = robot.lookup("#auditHashField").queryAs(TextField.class);
        String storedHash = Sql.scalar(fixture.database().file(), "SELECT hash FROM audit_history WHERE id = 4");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> storedHash.equals(hash.getText()));
        assertTrue(robot.lookup("medical review").tryQuery().isPresent(), "the reason shows");

        // Enter opens the entry's record in the timeline, at its version.
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ui.state().visibleViewProperty().get() == DeskView.RECORDS);
        assertEquals(2L, ui.state().selectedRecordProperty().get());

        // A forged entry hidden by the filter: Verify names it, clears the filter and selects it.
        Sql.update(fixture.database().file(), "UPDATE audit_history SET reason = 'nobody will notice' WHERE id = 3");
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ui.state().visibleViewProperty().get() == DeskView.AUDIT);
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.V);
        Label banner = robot.lookup(".audit-banner-text").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> banner.getText().startsWith("Broken at audit entry 3:"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 5
                && table.getSelectionModel().getSelectedItem() != null && table.getSelectionModel().getSelectedItem().id() == 3);
        assertEquals("", record.getText(), "the filter that hid it was cleared");
        assertTrue(robot.lookup(".audit-banner").query().getStyleClass().contains("broken"));
        assertEquals(2, table.getSelectionModel().getSelectedIndex());

        // A change made meanwhile appears on top; the selected entry stays selected.
        fixture.write(4, "{\"name\":\"Edsger Dijkstra\"}");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> table.getItems().size() == 6);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("4", table.getItems().get(0).record());
        assertEquals(3L, table.getSelectionModel().getSelectedItem().id());
        assertEquals(3, table.getSelectionModel().getSelectedIndex());
    }
}
