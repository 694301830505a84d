package io.timetravel.testing;

import io.timetravel.service.AccessService;
import io.timetravel.service.AuditService;
import io.timetravel.service.FlagEvaluationListener;
import io.timetravel.service.FlagService;
import io.timetravel.service.HistoryService;
import io.timetravel.service.LedgerService;
import io.timetravel.service.RecordService;
import io.timetravel.service.SnapshotService;
import io.timetravel.storage.Database;
import io.timetravel.storage.DbTarget;
import io.timetravel.storage.DigestLogFile;
import io.timetravel.storage.GzipSnapshotFiles;
import io.timetravel.storage.MaskingKey;
import io.timetravel.storage.SqlAccessStore;
import io.timetravel.storage.SqlAuditLog;
import io.timetravel.storage.SqlEventLog;
import io.timetravel.storage.SqlFlagStore;
import io.timetravel.storage.SqlLedger;
import io.timetravel.storage.SqlRecordStore;
import io.timetravel.storage.SqlSnapshotStore;
import io.timetravel.storage.SigningKeyFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Every storage-backed service wired as {@code AppContext.open} wires them (records under the
 * audit-logging flag, flags, events, audit, access, ledger, snapshots), on either engine, without
 * the HTTP listener or the periodic recorders. The files a database keeps beside it (masking key,
 * snapshots, digests) go into {@code folder}, which on PostgreSQL stands for the server's folder.
 */
public final class ServicesFixture implements AutoCloseable {

    /** How long a test waits for something the services do in the background. */
    public static final Duration PATIENCE = Duration.ofMinutes(1);

    private final StoreFixture base;
    private final FlagService flags;
    private final RecordService records;
    private final SqlEventLog events;
    private final HistoryService history;
    private final AuditService audit;
    private final AccessService access;
    private final LedgerService ledger;
    private final GzipSnapshotFiles snapshotFiles;
    private final SnapshotService snapshots;

    private ServicesFixture(DbTarget target, Path folder, Clock clock) {
        base = StoreFixture.open(target, clock);
        SqlRecordStore store = base.store();
        Path beside = base.database().file() != null ? base.database().file() : folder.resolve("timetravel.db");
        flags = new FlagService(new SqlFlagStore(store), store, FlagEvaluationListener.none(), FlagService.DEFAULT_REFRESH);
        records = new RecordService(store, flags.auditPolicy(), clock);
        events = new SqlEventLog(store);
        history = new HistoryService(records, events);
        audit = new AuditService(new SqlAuditLog(store));
        access = new AccessService(new SqlAccessStore(store, MaskingKey.load(beside)), clock);
        ledger = new LedgerService(new SqlLedger(store), DigestLogFile.beside(beside),
                SigningKeyFile.loadOrCreate(SigningKeyFile.defaultFor(beside)), clock);
        snapshotFiles = GzipSnapshotFiles.beside(beside);
        snapshots = new SnapshotService(new SqlSnapshotStore(store), snapshotFiles, clock, access::policies);
        snapshots.start();
    }

    /** Opens (and migrates) {@code target}; {@code folder} takes the files kept beside the database. */
    public static ServicesFixture open(DbTarget target, Path folder, Clock clock) {
        return new ServicesFixture(target, folder, clock);
    }

    public Database database() {
        return base.database();
    }

    public SqlRecordStore store() {
        return base.store();
    }

    public RecordService records() {
        return records;
    }

    public FlagService flags() {
        return flags;
    }

    public SqlEventLog events() {
        return events;
    }

    public HistoryService history() {
        return history;
    }

    public AuditService audit() {
        return audit;
    }

    public AccessService access() {
        return access;
    }

    public LedgerService ledger() {
        return ledger;
    }

    public GzipSnapshotFiles snapshotFiles() {
        return snapshotFiles;
    }

    public SnapshotService snapshots() {
        return snapshots;
    }

    /** Closes as {@code AppContext.close} does: jobs and refreshers first, then the writer and the database. */
    @Override
    public void close() {
        snapshots.close();
        flags.close();
        base.close();
    }
}
