package io.timetravel.app;

import io.timetravel.domain.DigestKey;
import io.timetravel.service.LedgerService;
import io.timetravel.service.LedgerStore;
import io.timetravel.service.LedgerVerification;
import io.timetravel.storage.Database;
import io.timetravel.storage.DatabaseCopy;
import io.timetravel.storage.DbTarget;
import io.timetravel.storage.DigestLogFile;
import io.timetravel.storage.GzipSnapshotFiles;
import io.timetravel.storage.MaskingKey;
import io.timetravel.storage.SigningKeyFile;
import io.timetravel.storage.SqlLedger;
import io.timetravel.storage.SqlRecordStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code migrate --from PATH --to URL}: copies a SQLite database into an empty PostgreSQL one and verifies the copy. */
@Command(name = "migrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Copies the SQLite database PATH into the empty PostgreSQL database URL: every version, audit entry,"
                + " event, flag, snapshot row, user, token, field policy and access log entry, with its id and every column"
                + " as stored. The copy is one transaction: it commits only when the ledger verifies on it with the same"
                + " heads as on PATH, else nothing is written.",
            "PATH is only read, never changed: stop the server on it first, or writes after the copy began are left"
                + " behind. A database written by an older Timetravel must first be opened once by this one (start the"
                + " server or the workbench on it): migrate does not upgrade it for you.",
            "The key that signs digests, digests.log, the masking key and the snapshot files stay files: migrate"
                + " prints which ones to copy, and where, into the data folder DIR of the servers that will run on URL."},
        footer = {"", "Credentials: in URL (?user=U&password=P) or in " + DbTarget.USER_VARIABLE + " and " + DbTarget.PASSWORD_VARIABLE + ".",
            "Exit status: 0 copied and verified, 1 nothing copied (the reason is printed after error:)."})
final class MigrateCommand implements Callable<Integer> {

    @Option(names = "--from", paramLabel = "PATH", description = "the SQLite database to copy (default db/timetravel.db)")
    Path from;

    @Option(names = "--to", paramLabel = "URL", required = true,
            description = "the empty PostgreSQL database: jdbc:postgresql://HOST:PORT/DATABASE")
    String to;

    @Option(names = "--data", paramLabel = "DIR",
            description = "the data folder of the servers that will run on URL, as their --data (default db/): where the"
                    + " printed files go")
    Path data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TimetravelCommand root = TimetravelCommand.root(spec);
        LogSetup.warningsOnly(root.err());
        Path defaultFile = Options.defaults(root.system()).database();
        Path source = from != null ? from : defaultFile;
        Path folder = data != null ? data : defaultFile.toAbsolutePath().getParent();
        return run(source, to, folder, root.out(), root.err());
    }

    /** Returns the exit status: 0 when copied and verified, 1 when nothing was copied. */
    static int run(Path source, String to, Path data, PrintStream out, PrintStream err) {
        try {
            DbTarget target = DbTarget.parse(to);
            if (!target.postgres()) {
                throw new IllegalArgumentException("--to takes a PostgreSQL database, jdbc:postgresql://HOST:PORT/DATABASE, not "
                        + target.describe());
            }
            if (source.toString().regionMatches(true, 0, "jdbc:", 0, 5)) {
                throw new IllegalArgumentException("--from takes the path of a SQLite database file");
            }
            Path file = source.toAbsolutePath().normalize();
            try (Database sourceDb = Database.openReadOnly(DbTarget.sqlite(file))) {
                Function<LedgerStore, LedgerVerification> verify = verifier(file);
                try (Database targetDb = Database.open(target)) {
                    out.println("copying " + file + " into " + target.describe());
                    DatabaseCopy.Result result = new DatabaseCopy().copy(sourceDb, targetDb, verify,
                            count -> out.printf(Locale.ROOT, "  %-22s %,12d rows%n", count.table(), count.rows()));
                    out.printf(Locale.ROOT, "copied %,d rows in %.1f s%n", result.rows(), result.took().toMillis() / 1000.0);
                    heads("source:", result.source(), out);
                    heads("copy:  ", result.target(), out);
                }
                LedgerVerification reopened = verifyCommitted(target, verify);
                if (!reopened.ok()) {
                    err.println("error: the copy is committed but does not verify when read back: " + reopened.broken().reason());
                    return 1;
                }
                heads("verify on " + target.describe() + ":", reopened, out);
                filesToCopy(file, data.toAbsolutePath().normalize(), out);
                out.println("OK: " + target.describe() + " holds a verified copy of " + file);
                return 0;
            }
        } catch (RuntimeException e) {
            err.println("error: " + oneLine(e));
            return 1;
        }
    }

    /** The ledger verification that verify runs, with the digest log and key beside the source: the copy's ledger is the same. */
    private static Function<LedgerStore, LedgerVerification> verifier(Path file) {
        DigestLogFile log = DigestLogFile.beside(file);
        Path keyFile = SigningKeyFile.defaultFor(file);
        Optional<DigestKey> key = SigningKeyFile.read(keyFile);
        if (key.isEmpty() && log.lines().stream().anyMatch(line -> !line.isBlank())) {
            throw new IllegalStateException("no key at " + keyFile + " to check the digests in " + log.file() + " with");
        }
        return store -> new LedgerService(store, log, key.map(DigestKey::publicOnly).orElse(null), Clock.systemUTC()).verify();
    }

    /** verify on the committed copy, as a server would read it. */
    private static LedgerVerification verifyCommitted(DbTarget target, Function<LedgerStore, LedgerVerification> verify) {
        try (Database database = Database.openReadOnly(target);
             SqlRecordStore store = new SqlRecordStore(database, Clock.systemUTC(), 1)) {
            return verify.apply(new SqlLedger(store));
        }
    }

    private static void heads(String label, LedgerVerification result, PrintStream out) {
        out.println(label);
        out.println("  audit trail: " + result.auditEntries() + " entries, head " + result.auditHead());
        out.println("  ledger:      " + result.ledgerEntries() + " entries, head " + result.ledgerHead());
        out.println("  versions:    " + result.versions() + ", digests checked: " + result.digestsChecked());
    }

    /** What stays in files beside the SQLite database and must go with the copy, and where it goes in the data folder. */
    private static void filesToCopy(Path file, Path data, PrintStream out) {
        Path anchor = data.resolve(DatabaseChoice.DATA_ANCHOR);
        List<String> moves = new ArrayList<>();
        move(SigningKeyFile.defaultFor(file), SigningKeyFile.defaultFor(anchor), moves);
        move(DigestLogFile.beside(file).file(), DigestLogFile.beside(anchor).file(), moves);
        move(MaskingKey.fileFor(file), MaskingKey.fileFor(anchor), moves);
        Path snapshots = GzipSnapshotFiles.beside(file).directory();
        move(snapshots, GzipSnapshotFiles.beside(anchor).directory(), moves);
        if (moves.isEmpty()) {
            return;
        }
        out.println("Copy these files to every server that runs on the PostgreSQL database, into its data folder"
                + " (--data " + data + "):");
        moves.forEach(out::println);
        if (Files.isDirectory(snapshots)) {
            out.println("The snapshot rows were copied, not their files: a server finds each file by its name in its data"
                    + " folder's snapshots/.");
        }
    }

    private static void move(Path from, Path to, List<String> moves) {
        if (Files.exists(from)) {
            moves.add("  " + from + (Files.isDirectory(from) ? "/" : "") + "  ->  " + to + (Files.isDirectory(from) ? "/" : "")
                    + (from.equals(to) ? " (already there)" : ""));
        }
    }

    private static String oneLine(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
