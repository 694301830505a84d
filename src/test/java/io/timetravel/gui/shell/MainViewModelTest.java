package io.timetravel.gui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.RecordingDialogs;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.UserPreferences;
import io.timetravel.gui.Workbench;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.HistoryService;
import io.timetravel.service.SampleData;
import io.timetravel.storage.SqliteEventLog;
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
        SqliteEventLog events = new SqliteEventLog(fixture.store());
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
}
