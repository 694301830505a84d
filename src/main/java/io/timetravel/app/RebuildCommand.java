package io.timetravel.app;

import io.timetravel.domain.LedgerDigest;
import io.timetravel.service.AuditPolicy;
import io.timetravel.service.DigestLog;
import io.timetravel.service.LedgerService;
import io.timetravel.service.LedgerVerification;
import io.timetravel.service.RebuildService;
import io.timetravel.service.RecordService;
import io.timetravel.storage.Database;
import io.timetravel.storage.SqlEventLog;
import io.timetravel.storage.SqlLedger;
import io.timetravel.storage.SqlRecordStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rebuild --db SOURCE --into NEW}: replays SOURCE's event log into NEW and checks the result. */
@Command(name = "rebuild", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replays SOURCE's event log into the new database NEW and checks that every version of every"
                + " record matches. SOURCE is only read; a running server may keep using it."},
        footer = {"", "Exit status: 0 every version matches, 1 the rebuild differs, 2 it cannot start."})
final class RebuildCommand implements Callable<Integer>, OptionsCommand {

    @Option(names = "--db", paramLabel = "SOURCE",
            description = "the database whose event log is replayed (default db/timetravel.db)")
    Path source;

    @Option(names = "--into", paramLabel = "NEW", required = true,
            description = "the new database to create (must not exist)")
    Path into;

    @Spec
    CommandSpec spec;

    @Override
    public Options options() {
        Options defaults = Options.defaults(TimetravelCommand.root(spec).system());
        return defaults.forRebuild(source != null ? source : defaults.database(), into);
    }

    @Override
    public Integer call() {
        TimetravelCommand root = TimetravelCommand.root(spec);
        LogSetup.warningsOnly(root.err());
        return run(options(), root.out(), root.err());
    }

    /** No digests to hold the source's ledger to: rebuild checks what the source holds, as written. */
    private static final DigestLog NO_DIGESTS = new DigestLog() {
        @Override
        public void append(LedgerDigest digest) {
            throw new UnsupportedOperationException("rebuild takes no digest");
        }

        @Override
        public List<String> lines() {
            return List.of();
        }

        @Override
        public String name() {
            return "no digest log";
        }
    };

    private static String where(LedgerVerification ledger) {
        return ledger.broken().recordId() == null ? "" : "record " + ledger.broken().recordId() + " version " + ledger.broken().version()
                + ": ";
    }

    /** Returns the exit status: 0 when every version matches, 1 when not, 2 when it cannot start. */
    static int run(Options options, PrintStream out, PrintStream err) {
        Path target = options.into();
        if (Files.exists(target)) {
            err.println("error: " + target + " exists; rebuild only into a new database");
            return 2;
        }
        try (Database sourceDb = Database.openReadOnly(options.database());
             Database targetDb = Database.open(target)) {
            SqlRecordStore source = new SqlRecordStore(sourceDb, Clock.systemUTC(), 2);
            SqlRecordStore rebuilt = new SqlRecordStore(targetDb, Clock.systemUTC(), 2);
            try {
                RecordService writer = new RecordService(rebuilt, AuditPolicy.always(), Clock.systemUTC());
                RebuildService.Report report = new RebuildService(new SqlEventLog(source), source, writer, rebuilt)
                        .run(line -> out.println("  " + line));
                out.println("events read: " + report.eventsRead() + ", record events replayed: " + report.recordEventsReplayed()
                        + ", other events skipped: " + report.otherEventsSkipped());
                out.println("records checked: " + report.recordsChecked() + ", versions checked: " + report.versionsChecked()
                        + ", mismatches: " + report.mismatchCount());
                report.mismatches().forEach(line -> out.println("  MISMATCH " + line));
                // The replay reads each version row as it is; the ledger holds it to the row as written (decision 0048).
                LedgerVerification ledger = new LedgerService(new SqlLedger(source), NO_DIGESTS, null, Clock.systemUTC()).verify();
                if (!ledger.ok()) {
                    out.println("  MISMATCH the source's ledger does not verify: " + where(ledger) + ledger.broken().reason());
                }
                boolean ok = report.ok() && ledger.ok();
                out.println(ok ? "OK: " + target + " matches " + options.database() : "FAILED: the rebuild differs");
                return ok ? 0 : 1;
            } finally {
                rebuilt.close();
                source.close();
            }
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
    }
}
