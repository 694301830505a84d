package io.timetravel.gui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeskView;
import io.timetravel.gui.RecordingDialogs;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.UserPreferences;
import io.timetravel.gui.Workbench;
import io.timetravel.gui.WorkbenchCommand;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.HistoryService;
import io.timetravel.service.SampleData;
import io.timetravel.storage.SqlEventLog;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window frame without a screen: who the user is, sample data, the status bar. */
class MainViewModelTest {

    @TempDir
    Path dir;
    StoreFixture fixture;
    RecordingDialogs dialogs = new RecordingDialogs();
    WorkspaceState state = new WorkspaceState();
    Workbench workbench;

    @BeforeEach
    void open() {
        fixture = StoreFixture.open(dir.resolve("m.db"));
        SqlEventLog events = new SqlEventLog(fixture.store());
        workbench = new Workbench(fixture.records(), new HistoryService(fixture.records(), events), events,
                TestWorkbench.access(fixture), TestWorkbench.desk(fixture), TestWorkbench.UNMAPPED_OS_USER, "db/m.db", null,
                "cannot listen on 127.0.0.1:8000 (address already in use)", "1.0", false);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private MainViewModel model(UserPreferences preferences) {
        return new MainViewModel(workbench, state, BackgroundTasks.inline(), dialogs, preferences, Clock.systemUTC());
    }

    @Test
    void theFirstStartAsksForTheUserOnceAndRemembersIt() {
        UserPreferences preferences = UserPreferences.inMemory(0);
        MainViewModel main = model(preferences);
        assertEquals("No user set (read-only)", main.userProperty().get());
        dialogs.userAnswer = Optional.of(42L);

        main.ensureUser();

        assertEquals(42, state.caller().id());
        assertEquals(42, preferences.userId().getAsLong());
        assertEquals("User 42 · every role · declared", main.userProperty().get());
        main.ensureUser();
        assertEquals(1, dialogs.shown.size(), "asked once");
    }

    @Test
    void aRememberedUserIsNotAskedAgain() {
        MainViewModel main = model(UserPreferences.inMemory(7));
        main.ensureUser();

        assertTrue(dialogs.shown.isEmpty());
        assertEquals("User 7 · every role · declared", main.userProperty().get());
    }

    @Test
    void aBusyPortIsReportedNotFatal() {
        MainViewModel main = model(UserPreferences.inMemory(7));

        assertTrue(main.listenerDown());
        assertEquals("Listener not running: cannot listen on 127.0.0.1:8000 (address already in use)", main.listenerProperty().get());
        assertEquals("Database: db/m.db", main.databaseProperty().get());
    }

    @Test
    void sampleDataFillsAnEmptyDatabaseWithProgress() {
        MainViewModel main = model(UserPreferences.inMemory(7));
        main.ensureUser();
        main.useSampleData(() -> new SampleData(1, 5));

        main.loadSampleData();

        assertEquals(5, Sql.count(fixture.database().file(), "SELECT count(*) FROM policyholders"));
        assertFalse(main.busyProperty().get());
        assertTrue(main.workProperty().get().startsWith("Sample data loaded: "), main.workProperty().get());
    }

    @Test
    void sampleDataNeverGoesIntoADatabaseWithRecords() {
        fixture.write(1, "{\"a\":1}");
        MainViewModel main = model(UserPreferences.inMemory(7));
        main.ensureUser();

        main.loadSampleData();

        assertEquals(1, Sql.count(fixture.database().file(), "SELECT count(*) FROM policyholders"));
        assertEquals("info: Sample data: Sample data goes only into an empty database; this one has 1 record.", dialogs.shown.get(0));
    }

    @Test
    void demoSampleDataLoadsAtStartBeforeAnyUserIsKnownAndWithProgress() {
        MainViewModel main = model(UserPreferences.inMemory(0));
        main.useSampleData(() -> new SampleData(1, 5));
        java.util.List<Double> progress = new java.util.ArrayList<>();
        main.progressProperty().addListener((observable, old, value) -> progress.add(value.doubleValue()));

        main.loadSampleDataAtStart();

        assertEquals(5, Sql.count(fixture.database().file(), "SELECT count(*) FROM policyholders"));
        assertTrue(progress.contains(1.0), "progress reached the end: " + progress);
        assertTrue(progress.stream().anyMatch(p -> p > 0 && p < 1), "progress went through the middle: " + progress);
        assertTrue(dialogs.shown.isEmpty(), "nothing asked: " + dialogs.shown);
    }

    @Test
    void demoSampleDataAtStartLeavesADatabaseWithRecordsAloneAndSilently() {
        fixture.write(1, "{\"a\":1}");
        MainViewModel main = model(UserPreferences.inMemory(7));
        main.ensureUser();

        main.loadSampleDataAtStart();

        assertEquals(1, Sql.count(fixture.database().file(), "SELECT count(*) FROM policyholders"));
        assertTrue(dialogs.shown.isEmpty(), "nothing said: " + dialogs.shown);
        assertFalse(main.busyProperty().get());
    }

    @Test
    void aRecordCommandWithNoRecordSelectedSaysWhatToDoAndGoesNowhere() {
        MainViewModel main = model(UserPreferences.inMemory(7));
        java.util.List<WorkbenchCommand> heard = new java.util.ArrayList<>();
        state.commandProperty().addListener((observable, old, command) -> {
            if (command != null) {
                heard.add(command);
            }
        });

        main.command(WorkbenchCommand.EDIT);

        assertTrue(heard.isEmpty());
        assertEquals(DeskView.RECORDS, state.requestedViewProperty().get());
        assertEquals("Select a record first (Ctrl+1, then the records list).", main.workProperty().get());

        state.selectedRecordProperty().set(3L);
        assertEquals("", main.workProperty().get(), "the hint goes once a record is selected");
        state.showView(DeskView.AUDIT);
        main.command(WorkbenchCommand.EDIT);
        main.command(WorkbenchCommand.EDIT);

        assertEquals(java.util.List.of(WorkbenchCommand.EDIT, WorkbenchCommand.EDIT), heard, "each command is heard");
        assertEquals(DeskView.RECORDS, state.requestedViewProperty().get(), "the record's view comes forward");
    }

    @Test
    void helpNamesEveryShortcutOfTheMenus() {
        MainViewModel main = model(UserPreferences.inMemory(7));

        main.showShortcuts();

        String shown = dialogs.shown.get(0);
        for (String key : java.util.List.of("Ctrl+1", "Ctrl+F", "F5", "Ctrl+E", "Ctrl+R", "Ctrl+D", "Enter")) {
            assertTrue(shown.contains(key), key + " in " + shown);
        }
    }
}
