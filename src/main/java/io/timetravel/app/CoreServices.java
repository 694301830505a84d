package io.timetravel.app;

import io.timetravel.domain.premium.PremiumEngines;
import io.timetravel.http.metrics.Metrics;
import io.timetravel.service.AccessService;
import io.timetravel.service.FlagService;
import io.timetravel.service.LedgerService;
import io.timetravel.service.PremiumService;
import io.timetravel.service.RecordService;
import io.timetravel.storage.Database;
import io.timetravel.storage.DigestLogFile;
import io.timetravel.storage.MaskingKey;
import io.timetravel.storage.SigningKeyFile;
import io.timetravel.storage.SqlAccessStore;
import io.timetravel.storage.SqlFlagStore;
import io.timetravel.storage.SqlLedger;
import io.timetravel.storage.SqlPremiumStore;
import io.timetravel.storage.SqlRecordStore;
import java.time.Clock;

/**
 * The record store on an open database and the services that answer requests over it, wired by
 * {@link AppContext} in the order they depend on each other. The jobs that work on their own
 * threads are {@link BackgroundJobs}.
 *
 * @param metrics the Prometheus metrics: the writer's, the flags' and the premiums' counters
 */
record CoreServices(SqlRecordStore store, Metrics metrics, FlagService flags, RecordService records, AccessService access,
                    LedgerService ledger, PremiumService premiums) {

    /** Opens the store on {@code database} and builds the services; stops what it started if a step fails. */
    static CoreServices open(Options options, Database database, Clock clock) {
        int readers = Math.max(8, Runtime.getRuntime().availableProcessors() * 4);
        SqlRecordStore store = new SqlRecordStore(database, clock, readers);
        FlagService flags = null;
        try {
            Metrics metrics = new Metrics();
            store.setWriteMetrics(metrics);
            // Every flag evaluation is counted in feature_flag_evaluations_total.
            flags = new FlagService(new SqlFlagStore(store), store, metrics, FlagService.DEFAULT_REFRESH);
            RecordService records = new RecordService(store, flags.auditPolicy(), clock);
            // Keys, digests and snapshot files live beside the SQLite file, or in the data folder.
            AccessService access = new AccessService(new SqlAccessStore(store, MaskingKey.load(options.database())), clock);
            // The key exists before anything is served: digests are signed from the first one.
            LedgerService ledger = new LedgerService(new SqlLedger(store), DigestLogFile.beside(options.database()),
                    SigningKeyFile.loadOrCreate(options.signingKeyFile()), clock);
            PremiumService premiums = new PremiumService(new SqlPremiumStore(store), store, flags, PremiumEngines.standard(),
                    clock, metrics.premiums());
            return new CoreServices(store, metrics, flags, records, access, ledger, premiums);
        } catch (RuntimeException e) {
            // The flags' refresher and the writer's thread (not a daemon) would keep the process alive.
            if (flags != null) {
                flags.close();
            }
            store.close();
            throw e;
        }
    }

    /** Stops the flags' refresher, then the store's writer; the database stays open. */
    void close() {
        flags.close();
        store.close();
    }
}
