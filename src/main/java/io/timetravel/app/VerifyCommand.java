package io.timetravel.app;

import io.timetravel.domain.ChainBreak;
import io.timetravel.domain.DigestKey;
import io.timetravel.domain.Lanes;
import io.timetravel.domain.LedgerCheck;
import io.timetravel.domain.LedgerDigest;
import io.timetravel.service.LedgerService;
import io.timetravel.service.LedgerVerification;
import io.timetravel.storage.Database;
import io.timetravel.storage.DigestLogFile;
import io.timetravel.storage.SigningKeyFile;
import io.timetravel.storage.SqlLedger;
import io.timetravel.storage.SqlRecordStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code verify --db PATH [--digest FILE]}: checks, offline and read-only, everything stored about
 * changes, as {@code GET /api/v2/audit/verify} does, against digests.log and the digests in FILE.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks every version row, audit entry and event of the database against the ledger, and the"
                + " ledger against every digest in digests.log beside it and in FILE. Only reads: a running server may"
                + " keep using the database."},
        footer = {"", "Exit status: 0 everything holds, 1 something does not (printed after BROKEN:),"
                + " 2 it cannot verify (no database, no key to check digests with, FILE unreadable)."})
final class VerifyCommand implements Callable<Integer> {

    @Mixin
    KeyFileOptions options;

    @Option(names = "--digest", paramLabel = "FILE",
            description = "digests you kept (what GET /api/v2/audit/digest answered), one a line; the ledger must extend each")
    Path digestFile;

    @Override
    public Integer call() {
        TimetravelCommand root = options.root();
        LogSetup.warningsOnly(root.err());
        return run(options.database(), digestFile, options.keyFile(), root.out(), root.err());
    }

    /** Returns the exit status: 0 when everything holds, 1 when something does not, 2 when it cannot verify. */
    static int run(DatabaseChoice db, Path digestFile, Path keyFile, PrintStream out, PrintStream err) {
        try (Database database = Database.openReadOnly(db.target());
             SqlRecordStore store = new SqlRecordStore(database, Clock.systemUTC(), 1)) {
            List<LedgerCheck.Expected> given = digestFile == null ? List.of() : given(digestFile);
            DigestLogFile log = DigestLogFile.beside(db.anchor());
            Optional<DigestKey> key = SigningKeyFile.read(keyFile);
            if (key.isEmpty() && (!given.isEmpty() || log.lines().stream().anyMatch(line -> !line.isBlank()))) {
                err.println("error: no key at " + keyFile.toAbsolutePath().normalize() + " to check the digests' signatures with;"
                        + " give --signing-key (the key file, or its public half as keys show prints it)");
                return 2;
            }
            LedgerVerification result = new LedgerService(new SqlLedger(store), log, key.map(DigestKey::publicOnly).orElse(null),
                    Clock.systemUTC()).verify(given);
            report(result, log, out);
            return result.ok() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
    }

    /** The digests in {@code file}, one a non-blank line. */
    private static List<LedgerCheck.Expected> given(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<LedgerCheck.Expected> digests = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String source = file.getFileName() + " line " + (i + 1);
            List<LedgerDigest> parsed;
            try {
                // A line is one digest, or the array of one per lane that GET /api/v2/audit/digest answers for several lanes.
                parsed = LedgerDigest.parseAll(lines.get(i).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " is not a digest: " + e.getMessage(), e);
            }
            for (int j = 0; j < parsed.size(); j++) {
                digests.add(new LedgerCheck.Expected(parsed.size() == 1 ? source : source + " element " + (j + 1), parsed.get(j)));
            }
        }
        return digests;
    }

    private static void report(LedgerVerification result, DigestLogFile log, PrintStream out) {
        if (!result.ok()) {
            ChainBreak broken = result.broken();
            List<String> where = new ArrayList<>();
            if (broken.auditId() != null) {
                where.add("audit entry " + broken.auditId());
            }
            if (broken.eventId() != null) {
                where.add("event " + broken.eventId());
            }
            if (broken.recordId() != null) {
                where.add("record " + broken.recordId() + (broken.version() == null ? "" : " version " + broken.version()));
            }
            out.println("BROKEN: " + (where.isEmpty() ? "" : String.join(", ", where) + ": ") + broken.reason());
            out.println("(checked before it stopped: " + result.auditEntries() + " audit entries, " + result.ledgerEntries()
                    + " ledger entries)");
            return;
        }
        out.println("audit trail: " + result.auditEntries() + " entries, head " + result.auditHead());
        out.println("ledger:      " + result.ledgerEntries() + " entries, head " + result.ledgerHead());
        if (Lanes.named(result.lanes().stream().map(LedgerVerification.Lane::lane).toList())) {
            // Several lanes: the heads above are joined over them (docs/decisions/0030); each lane's own follows.
            for (LedgerVerification.Lane lane : result.lanes()) {
                out.println("lane " + lane.lane() + ":      " + lane.auditEntries() + " audit entries, head " + lane.auditHead()
                        + "; " + lane.ledgerEntries() + " ledger entries, head " + lane.ledgerHead());
            }
        }
        out.println("versions:    " + result.versions());
        out.println("digests:     " + result.digestsChecked() + " checked"
                + (result.latestDigestAt() == null ? ", none in " + log.file()
                : "; the newest in " + log.file() + " was taken at " + result.latestDigestAt()));
        out.println("OK: every version row, audit entry and event holds, and the ledger extends every digest");
    }
}
