package io.timetravel.app;

import io.timetravel.service.DigestRecorder;
import io.timetravel.service.FlagService;
import io.timetravel.service.MetricsRecorder;
import io.timetravel.service.RecalculationService;
import io.timetravel.service.SnapshotService;
import io.timetravel.storage.GzipSnapshotFiles;
import io.timetravel.storage.SqlObservabilityStore;
import io.timetravel.storage.SqlRecalculationStore;
import io.timetravel.storage.SqlSnapshotStore;
import java.time.Clock;

/**
 * The services that work on threads of their own over {@link CoreServices}: snapshot and
 * recalculation jobs, the metrics recorder and the digest recorder. Started together by
 * {@link AppContext} and stopped together, in that order.
 */
record BackgroundJobs(SnapshotService snapshots, RecalculationService recalculations, MetricsRecorder metricsRecorder,
                      DigestRecorder digestRecorder) {

    /** Builds and starts every job; stops the jobs it started if a step fails. */
    static BackgroundJobs start(Options options, CoreServices core, Clock clock) {
        SnapshotService snapshots = null;
        RecalculationService recalculations = null;
        try {
            snapshots = new SnapshotService(new SqlSnapshotStore(core.store()), GzipSnapshotFiles.beside(options.database()),
                    clock, core.access()::policies);
            // Runs again the snapshot jobs that the last run left unfinished.
            snapshots.start();
            recalculations = new RecalculationService(new SqlRecalculationStore(core.store()), core.premiums().engines(), clock,
                    core.metrics().premiums());
            // And the recalculations.
            recalculations.start();
            // enable_metrics is a switch for work done on nobody's behalf: its rollout does not apply.
            FlagService switches = core.flags();
            MetricsRecorder metricsRecorder = new MetricsRecorder(core.metrics(), new SqlObservabilityStore(core.store()),
                    () -> switches.isSwitchedOn(FlagService.METRICS), clock, options.metricsInterval(),
                    options.metricsRetention());
            metricsRecorder.start();
            DigestRecorder digestRecorder = new DigestRecorder(core.ledger(), options.digestInterval());
            digestRecorder.start();
            return new BackgroundJobs(snapshots, recalculations, metricsRecorder, digestRecorder);
        } catch (RuntimeException e) {
            // Whatever was started must stop, or its threads keep the process alive.
            if (recalculations != null) {
                recalculations.close();
            }
            if (snapshots != null) {
                snapshots.close();
            }
            throw e;
        }
    }

    /** Stops the jobs; the recorders write their last copy of the counters and their last digest. */
    void close() {
        snapshots.close();
        recalculations.close();
        // The last copy of the counters, after the listener and the snapshot jobs stopped and
        // while the writer still takes work.
        metricsRecorder.close();
        // The last digest, of the ledger as this run leaves it.
        digestRecorder.close();
    }
}
