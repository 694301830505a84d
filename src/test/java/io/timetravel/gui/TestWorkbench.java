package io.timetravel.gui;

import io.timetravel.gui.shell.WorkbenchApp;
import io.timetravel.domain.premium.PremiumEngines;
import io.timetravel.http.metrics.Metrics;
import io.timetravel.service.AccessService;
import io.timetravel.service.AuditService;
import io.timetravel.service.FlagService;
import io.timetravel.service.HistoryService;
import io.timetravel.service.LedgerService;
import io.timetravel.service.PremiumService;
import io.timetravel.service.RecalculationService;
import io.timetravel.service.SnapshotService;
import io.timetravel.storage.DigestLogFile;
import io.timetravel.storage.GzipSnapshotFiles;
import io.timetravel.storage.MaskingKey;
import io.timetravel.storage.SigningKeyFile;
import io.timetravel.storage.SqlAccessStore;
import io.timetravel.storage.SqlAuditLog;
import io.timetravel.storage.SqlEventLog;
import io.timetravel.storage.SqlFlagStore;
import io.timetravel.storage.SqlLedger;
import io.timetravel.storage.SqlPremiumStore;
import io.timetravel.storage.SqlRecalculationStore;
import io.timetravel.storage.SqlSnapshotStore;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;

/** The workbench on a test database, as the UI tests open it: user 42, UTC, recorded dialogs. */
public final class TestWorkbench {

    /** An operating-system account no user is mapped to: the workbench asks (or remembers) a declared id. */
    public static final String UNMAPPED_OS_USER = "nobody-mapped";

    private TestWorkbench() {
    }

    /** The users, policies and access log of {@code fixture}'s database. */
    public static AccessService accessService(StoreFixture fixture) {
        return new AccessService(new SqlAccessStore(fixture.store(), MaskingKey.load(fixture.database().file())),
                Clock.systemUTC());
    }

    /** {@link #accessService} as the view models take it. */
    public static WorkbenchAccess access(StoreFixture fixture) {
        return WorkbenchAccess.of(accessService(fixture));
    }

    /**
     * The audit, ledger, flag, snapshot, access and metrics services of {@code fixture}'s database,
     * as the application builds them; flags are read once (no refresh thread is left behind).
     */
    public static Desk desk(StoreFixture fixture) {
        Path db = fixture.database().file();
        AccessService access = accessService(fixture);
        FlagService flags = FlagService.forChanges(new SqlFlagStore(fixture.store()), fixture.store());
        Metrics metrics = new Metrics(false);
        PremiumEngines engines = PremiumEngines.standard();
        return new Desk(new AuditService(new SqlAuditLog(fixture.store())),
                new LedgerService(new SqlLedger(fixture.store()), DigestLogFile.beside(db),
                        SigningKeyFile.loadOrCreate(SigningKeyFile.defaultFor(db)), Clock.systemUTC()),
                flags,
                new SnapshotService(new SqlSnapshotStore(fixture.store()), GzipSnapshotFiles.beside(db), Clock.systemUTC(),
                        access::policies),
                access, metrics,
                new PremiumService(new SqlPremiumStore(fixture.store()), fixture.store(), flags, engines, Clock.systemUTC(),
                        metrics.premiums()),
                new RecalculationService(new SqlRecalculationStore(fixture.store()), engines, Clock.systemUTC(),
                        metrics.premiums()));
    }

    /** The services of {@code fixture}, with a status bar naming {@code listenerUrl} (or none). */
    public static Workbench on(StoreFixture fixture, String listenerUrl) {
        return on(fixture, listenerUrl, UNMAPPED_OS_USER);
    }

    /** The same, run by the operating-system account {@code osUser}. */
    public static Workbench on(StoreFixture fixture, String listenerUrl, String osUser) {
        SqlEventLog events = new SqlEventLog(fixture.store());
        return new Workbench(fixture.records(), new HistoryService(fixture.records(), events), events, access(fixture),
                desk(fixture), osUser, "db/test.db", listenerUrl, null, "test", false);
    }

    /**
     * The main scene for {@code workbench}, with dialogs that record instead of showing, and the
     * user found as at start (the remembered id 42 unless the OS account maps to a user).
     */
    public static WorkbenchApp.Ui ui(Workbench workbench, BackgroundTasks tasks) {
        WorkbenchApp.Ui ui = WorkbenchApp.createUi(workbench, tasks, new RecordingDialogs(), UserPreferences.inMemory(42),
                ZoneOffset.UTC, Clock.systemUTC());
        ui.main().ensureUser();
        return ui;
    }
}
