package io.timetravel.gui;

import io.timetravel.gui.shell.WorkbenchApp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.gui.diff.FieldRow;
import io.timetravel.gui.history.HistoryRow;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
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

/** The diff and history tabs, driven headless: what is coloured how, swapping, and compare with previous. */
@ExtendWith(ApplicationExtension.class)
class DiffHistoryWindowTest {

    @TempDir
    static Path dir;
    static StoreFixture fixture;
    static FxBackgroundTasks tasks;
    WorkbenchApp.Ui ui;

    @BeforeAll
    static void seed() {
        fixture = StoreFixture.open(dir.resolve("gui.db"));
        // Record 1, version 1 → 2: email added, address.zip removed, smoker changed.
        fixture.write(1, "{\"name\":\"Ada Lovelace\",\"region\":\"EU\",\"smoker\":false,\"address\":{\"city\":\"London\",\"zip\":\"N1\"}}");
        fixture.write(1, "{\"smoker\":true,\"address\":{\"zip\":null},\"email\":\"ada@example.com\"}");
        // Record 2: three versions; version 2 adds an email and changes smoker.
        fixture.write(2, "{\"name\":\"Grace Hopper\",\"smoker\":false}");
        fixture.write(2, "{\"smoker\":true,\"email\":\"grace@example.com\"}");
        fixture.write(2, "{\"region\":\"US\"}");
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
    void addedRemovedAndChangedFieldsAreColouredAndTradePlacesOnSwap(FxRobot robot) throws Exception {
        robot.interact(() -> ui.state().selectedRecordProperty().set(1L));
        openTab(robot, "Diff");

        Map<String, TableRow<FieldRow>> rows = waitForRows(robot, "#diffTable", FieldRow::path, 6);
        assertTrue(rows.get("email").getStyleClass().contains("diff-added"));
        assertTrue(rows.get("address.zip").getStyleClass().contains("diff-removed"));
        assertTrue(rows.get("smoker").getStyleClass().contains("diff-changed"));
        assertFalse(rows.get("name").getStyleClass().stream().anyMatch(style -> style.matches("diff-(added|removed|changed)")));
        assertEquals("+", markerOf(rows.get("email")));
        assertEquals("\u2212", markerOf(rows.get("address.zip")));
        assertEquals("~", markerOf(rows.get("smoker")));
        assertEquals(List.of("Version 1", "Version 2"), sideTitles(robot));
        assertEquals("1 added \u00b7 1 changed \u00b7 1 removed \u00b7 3 unchanged", robot.lookup(".diff-summary").queryLabeled().getText());

        robot.clickOn(".swap-button");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> sideTitles(robot).equals(List.of("Version 2", "Version 1")));
        WaitForAsyncUtils.waitForFxEvents();

        rows = waitForRows(robot, "#diffTable", FieldRow::path, 6);
        assertTrue(rows.get("email").getStyleClass().contains("diff-removed"));
        assertTrue(rows.get("address.zip").getStyleClass().contains("diff-added"));
        assertTrue(rows.get("smoker").getStyleClass().contains("diff-changed"));
        assertTrue(robot.lookup(".reversed-tag").query().isVisible(), "says that A is now the later version");
    }

    @Test
    void anEventShowsItsValuesAndComparesWithThePreviousVersion(FxRobot robot) throws Exception {
        robot.interact(() -> ui.state().selectedRecordProperty().set(2L));
        openTab(robot, "History");

        Map<Long, TableRow<HistoryRow>> events = waitForRows(robot, "#historyTable", HistoryRow::version, 3);
        robot.clickOn(events.get(2L));

        Map<String, TableRow<FieldRow>> values = waitForRows(robot, "#detailTable", FieldRow::path, 2);
        assertTrue(values.get("email").getStyleClass().contains("diff-added"));
        assertTrue(values.get("smoker").getStyleClass().contains("diff-changed"));
        assertTrue(cellTexts(values.get("smoker")).containsAll(List.of("false", "true")), "old and new value side by side");

        robot.clickOn("#compareButton");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> sideTitles(robot).equals(List.of("Version 1", "Version 2")));

        TabPane tabs = robot.lookup(".record-tabs").queryAs(TabPane.class);
        assertEquals("Diff", tabs.getSelectionModel().getSelectedItem().getText());
        assertEquals(1L, ui.state().diffFromProperty().get());
        assertEquals(2L, ui.state().diffToProperty().get());
        Map<String, TableRow<FieldRow>> rows = waitForRows(robot, "#diffTable", FieldRow::path, 3);
        assertTrue(rows.get("email").getStyleClass().contains("diff-added"));
        assertTrue(rows.get("smoker").getStyleClass().contains("diff-changed"));
    }

    private static void openTab(FxRobot robot, String title) {
        Node tab = robot.lookup(".record-tabs .tab-label").queryAllAs(Labeled.class).stream()
                .filter(label -> title.equals(label.getText())).findFirst().orElseThrow();
        robot.clickOn(tab);
    }

    /** The table's rows on screen, by key, once at least {@code count} show items. */
    @SuppressWarnings("unchecked")
    private static <T, K> Map<K, TableRow<T>> waitForRows(FxRobot robot, String table, Function<T, K> key, int count)
            throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> filled(robot, table).size() >= count);
        WaitForAsyncUtils.waitForFxEvents();
        return filled(robot, table).stream().map(row -> (TableRow<T>) row)
                .collect(Collectors.toMap(row -> key.apply(row.getItem()), row -> row, (a, b) -> a));
    }

    private static List<TableRow<?>> filled(FxRobot robot, String table) {
        return robot.lookup(table + " .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(row -> row.getItem() != null && !row.isEmpty() && row.isVisible())
                .map(row -> (TableRow<?>) row).collect(Collectors.toList());
    }

    private static String markerOf(TableRow<?> row) {
        return row.lookupAll(".diff-marker").stream().map(cell -> ((Labeled) cell).getText()).findFirst().orElse(null);
    }

    private static List<String> cellTexts(TableRow<?> row) {
        return row.lookupAll(".diff-value").stream().map(cell -> ((Labeled) cell).getText()).toList();
    }

    private static List<String> sideTitles(FxRobot robot) {
        return robot.lookup("#diffTable .side-title").queryAllAs(Label.class).stream()
                .sorted((a, b) -> Double.compare(a.localToScene(0, 0).getX(), b.localToScene(0, 0).getX()))
                .map(Label::getText).toList();
    }
}
