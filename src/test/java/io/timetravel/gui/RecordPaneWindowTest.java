package io.timetravel.gui;

import io.timetravel.gui.shell.WorkbenchApp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.gui.diff.FieldRow;
import io.timetravel.gui.history.HistoryRow;
import io.timetravel.gui.records.RecordRow;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Records view and the record pane in a real window, headless: the region filter, Enter and
 * Ctrl+F in the search box, a record opened from elsewhere, Restore from the History's selection,
 * a one-version record's Diff, the changed part of a value highlighted, and what stays readable
 * at 1024x700.
 */
@ExtendWith(ApplicationExtension.class)
class RecordPaneWindowTest {

    static final long RECORDS = 40;

    @TempDir
    static Path dir;
    static StoreFixture fixture;
    FxBackgroundTasks tasks;
    WorkbenchApp.Ui ui;
    Stage stage;

    @BeforeAll
    static void seed() {
        fixture = StoreFixture.open(dir.resolve("pane.db"));
        for (long id = 1; id <= RECORDS; id++) {
            fixture.write(id, "{\"name\":\"Holder " + id + "\",\"region\":\"" + (id % 2 == 0 ? "EU" : "US")
                    + "\",\"premium\":200000,\"email\":\"h" + id + "@example.com\"}");
        }
        // Record 1: three versions; v2 back-dated with a long reason, v3 grows the premium tenfold.
        fixture.write(1, "{\"email\":\"h1@example.org\"}", Instant.now().minusSeconds(86_400 * 40), 7,
                "The policyholder reported the new address by letter on the first of the month, and the clerk entered it weeks later");
        fixture.write(1, "{\"premium\":2000000}");
        fixture.write(3, "{\"email\":\"h3@example.org\"}");
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        tasks = new FxBackgroundTasks();
        ui = WorkbenchApp.createUi(TestWorkbench.on(fixture, null), tasks, new FxDialogService(() -> stage),
                UserPreferences.inMemory(42), ZoneOffset.UTC, Clock.systemUTC());
        ui.main().ensureUser();
        stage.setScene(ui.scene());
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        // TestFX keeps one stage for every test class: give the next one the size it had.
        WaitForAsyncUtils.asyncFx(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        }).get(10, TimeUnit.SECONDS);
        tasks.close();
    }

    private TableView<RecordRow> recordsTable(FxRobot robot) {
        return robot.lookup(".records-table").queryTableView();
    }

    private void waitForList(FxRobot robot, Predicate<List<RecordRow>> ready) throws Exception {
        TableView<RecordRow> table = recordsTable(robot);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> ready.test(List.copyOf(table.getItems()))
                && !ui.records().loadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void open(FxRobot robot, long id, String tab) throws Exception {
        waitForList(robot, rows -> rows.size() == RECORDS);
        robot.interact(() -> ui.state().selectedRecordProperty().set(id));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#titleLabel").queryLabeled().getText().equals("Holder " + id));
        robot.interact(() -> {
            TabPane tabs = robot.lookup(".record-tabs").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals(tab)).findFirst().orElseThrow());
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void choosingARegionInTheBoxFiltersTheListAndTheChoiceStays(FxRobot robot) throws Exception {
        waitForList(robot, rows -> rows.size() == RECORDS);
        ComboBox<?> regions = robot.lookup("#regionBox").queryComboBox();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> regions.getItems().size() == 2);

        robot.clickOn(regions);
        Node eu = robot.lookup(".combo-box-popup .list-cell").queryAllAs(Labeled.class).stream()
                .filter(cell -> "EU".equals(cell.getText())).findFirst().orElseThrow();
        robot.clickOn(eu);

        waitForList(robot, rows -> rows.size() == RECORDS / 2);
        assertTrue(recordsTable(robot).getItems().stream().allMatch(row -> row.region().equals("EU")));
        assertEquals("EU", regions.getValue(), "the box keeps the region chosen (it was blanked, and the filter with it)");
        assertEquals("20 records", robot.lookup(".records-pane .footer .label").queryLabeled().getText());
    }

    @Test
    void ctrlFFocusesTheSearchAndEnterOpensTheFirstMatch(FxRobot robot) throws Exception {
        waitForList(robot, rows -> rows.size() == RECORDS);
        TextField search = robot.lookup(".records-pane .text-field").queryAs(TextField.class);
        robot.interact(() -> search.setText("Holder"));
        robot.clickOn(recordsTable(robot));

        robot.push(KeyCode.CONTROL, KeyCode.F);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, search::isFocused);
        assertEquals("Holder", search.getSelectedText(), "its text selected, to type over");

        robot.write("Holder 17").type(KeyCode.ENTER);

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> Long.valueOf(17).equals(ui.state().selectedRecordProperty().get()));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#titleLabel").queryLabeled().getText().equals("Holder 17"));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> recordsTable(robot).getSelectionModel().getSelectedItem() != null
                && recordsTable(robot).getSelectionModel().getSelectedItem().id() == 17);
    }

    @Test
    void aRecordOpenedElsewhereIsSelectedAndScrolledToEvenWhenTheSearchHidIt(FxRobot robot) throws Exception {
        waitForList(robot, rows -> rows.size() == RECORDS);
        robot.interact(() -> ui.records().searchProperty().set("Holder 1"));
        robot.interact(() -> ui.records().refresh());
        waitForList(robot, rows -> rows.size() < RECORDS);

        robot.interact(() -> ui.state().openRecord(38, null)); // as the audit browser's "Open in timeline" does

        TableView<RecordRow> table = recordsTable(robot);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> table.getSelectionModel().getSelectedItem() != null
                && table.getSelectionModel().getSelectedItem().id() == 38);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup(".records-table .table-row-cell").queryAllAs(TableRow.class)
                .stream().anyMatch(row -> row.getItem() instanceof RecordRow shown && shown.id() == 38 && row.isVisible()
                        && table.localToScene(table.getBoundsInLocal()).contains(row.localToScene(row.getBoundsInLocal()))));
    }

    @Test
    void restoreOffersTheVersionSelectedInTheHistory(FxRobot robot) throws Exception {
        open(robot, 1, "History");
        TableView<HistoryRow> history = robot.lookup("#historyTable").queryTableView();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> history.getItems().size() == 3);
        robot.interact(() -> history.getSelectionModel().select(history.getItems().stream()
                .filter(row -> row.version() == 2).findFirst().orElseThrow()));
        robot.interact(() -> ui.state().cursorVersionProperty().set(3L)); // the timeline elsewhere

        robot.push(KeyCode.CONTROL, KeyCode.R);

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#versionSpinner").tryQuery().isPresent());
        Spinner<?> version = robot.lookup("#versionSpinner").queryAs(Spinner.class);
        assertEquals(2, version.getValue(), "v2 selected in the History, v2 offered");
        Label problem = robot.lookup(".dialog-pane #problemLabel").queryAs(Label.class);
        assertEquals("", problem.getText(), "no red reason warning before any typing");
        assertTrue(robot.lookup(".dialog-pane #reasonField").queryAs(TextField.class).isFocused(), "the keyboard starts in the reason");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#versionSpinner").tryQuery().isEmpty());
    }

    @Test
    void aOneVersionRecordsDiffSaysThereIsNothingToCompare(FxRobot robot) throws Exception {
        open(robot, 5, "Diff");
        Label placeholder = robot.lookup("#diffTable .label.placeholder").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> placeholder.getText().startsWith("This record has one version"));
        assertTrue(robot.lookup("#fromSpinner").query().isDisabled());
        assertTrue(robot.lookup("#toSpinner").query().isDisabled());
        assertTrue(robot.lookup(".version-range").query().isDisabled());
        assertTrue(robot.lookup(".swap-button").query().isDisabled());
        assertFalse(robot.lookup(".version-range .axis").tryQuery().map(Node::isVisible).orElse(false)
                && robot.lookup(".version-range .axis .text").queryAllAs(Text.class).stream().anyMatch(t -> "2".equals(t.getText())),
                "no scale offering a version 2");
    }

    @Test
    void theDiffGroupsAlignsAndColoursNumbersAndHighlightsWhatChangedInside(FxRobot robot) throws Exception {
        open(robot, 1, "Diff");
        TableRow<FieldRow> premium = waitForFieldRow(robot, "#diffTable", "premium");
        TableCell<?, ?> before = (TableCell<?, ?>) premium.lookup(".diff-old");
        TableCell<?, ?> after = (TableCell<?, ?>) premium.lookup(".diff-new");
        assertEquals("200,000", before.getText());
        assertEquals("2,000,000", after.getText());
        assertEquals(javafx.geometry.Pos.CENTER_RIGHT, after.getAlignment(), "numbers right-aligned");
        assertEquals(List.of("2,000,000"), highlighted(after), "a tenfold change is marked whole");
        assertEquals(List.of("200,000"), highlighted(before));

        open(robot, 3, "Diff");
        TableRow<FieldRow> changedEmail = waitForFieldRow(robot, "#diffTable", "email");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> changedEmail.getItem() != null
                && changedEmail.getItem().change() == FieldRow.Change.CHANGED);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("org"), highlighted((TableCell<?, ?>) changedEmail.lookup(".diff-new")), "only the changed word");
        assertEquals(List.of("com"), highlighted((TableCell<?, ?>) changedEmail.lookup(".diff-old")));
    }

    @Test
    void at1024x700TheDiffStillSaysWhichVersionsItComparesAndTheHistorysReasonWraps(FxRobot robot) throws Exception {
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        open(robot, 1, "Diff");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#diffTable .side-title").queryAll().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        for (Node node : robot.lookup("#diffTable .side-title").queryAll()) {
            assertReadable((Label) node, robot.lookup("#diffTable").query());
        }
        for (Node node : robot.lookup(".diff-pane .toolbar .side-badge").queryAll()) {
            assertReadable((Label) node, robot.lookup(".diff-pane").query());
        }

        open(robot, 1, "History");
        TableView<HistoryRow> history = robot.lookup("#historyTable").queryTableView();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> history.getItems().size() == 3);
        robot.interact(() -> history.getSelectionModel().select(history.getItems().stream()
                .filter(row -> row.version() == 2).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        Label facts = robot.lookup(".history-detail .muted").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> facts.getText().contains("entered it weeks later"));
        WaitForAsyncUtils.waitForFxEvents();
        assertReadable(facts, robot.lookup(".history-pane").query());
    }

    /** The label shows its whole text (not cut with an ellipsis) inside {@code container}. */
    private static void assertReadable(Labeled label, Node container) {
        assertTrue(label.isVisible(), label.getText() + " is visible");
        StringBuilder shown = new StringBuilder();
        label.lookupAll(".text").forEach(node -> shown.append(((Text) node).getText()));
        String text = shown.toString().replace("\n", " ").replaceAll("\\s+", " ").strip();
        assertFalse(text.contains("\u2026") || text.endsWith("..."), "not truncated: " + text);
        assertEquals(label.getText().replaceAll("\\s+", " ").strip(), text);
        Bounds bounds = label.localToScene(label.getBoundsInLocal());
        Bounds inside = container.localToScene(container.getBoundsInLocal());
        assertTrue(bounds.getWidth() > 0 && inside.contains(bounds.getMinX() + 1, bounds.getMinY() + 1)
                && inside.getMaxX() >= bounds.getMaxX() - 1, label.getText() + " lies inside its view: " + bounds + " in " + inside);
    }

    private static List<String> highlighted(TableCell<?, ?> cell) {
        return cell.lookupAll(".inline-changed").stream().map(node -> ((Text) node).getText()).toList();
    }

    @SuppressWarnings("unchecked")
    private static TableRow<FieldRow> waitForFieldRow(FxRobot robot, String table, String path) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> fieldRow(robot, table, path) != null);
        WaitForAsyncUtils.waitForFxEvents();
        return fieldRow(robot, table, path);
    }

    @SuppressWarnings("unchecked")
    private static TableRow<FieldRow> fieldRow(FxRobot robot, String table, String path) {
        return robot.lookup(table + " .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(row -> row.getItem() instanceof FieldRow field && field.path().equals(path) && row.isVisible())
                .map(row -> (TableRow<FieldRow>) row).findFirst().orElse(null);
    }
}
