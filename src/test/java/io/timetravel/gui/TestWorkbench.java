package io.timetravel.gui;

import io.timetravel.service.HistoryService;
import io.timetravel.storage.SqliteEventLog;
import io.timetravel.testing.StoreFixture;
import java.time.Clock;
import java.time.ZoneOffset;

/** The workbench on a test database, as the UI tests open it: user 42, UTC, recorded dialogs. */
public final class TestWorkbench {

    private TestWorkbench() {
    }

    /** The services of {@code fixture}, with a status bar naming {@code listenerUrl} (or none). */
    public static Workbench on(StoreFixture fixture, String listenerUrl) {
        SqliteEventLog events = new SqliteEventLog(fixture.store());
        return new Workbench(fixture.records(), new HistoryService(fixture.records(), events), events, "db/test.db",
                listenerUrl, null, "test");
    }

    /** The main scene for {@code workbench}, with dialogs that record instead of showing. */
    public static WorkbenchApp.Ui ui(Workbench workbench, BackgroundTasks tasks) {
        return WorkbenchApp.createUi(workbench, tasks, new RecordingDialogs(), UserPreferences.inMemory(42), ZoneOffset.UTC,
                Clock.systemUTC());
    }
}
