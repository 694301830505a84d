package io.timetravel.service;

import io.timetravel.domain.ChainBreak;
import io.timetravel.domain.DigestKey;
import io.timetravel.domain.Instants;
import io.timetravel.domain.LedgerCheck;
import io.timetravel.domain.LedgerDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Signed digests of the ledger and the verification of everything stored about changes
 * (docs/decisions/0021): the audit chain, the ledger over the event log with the version rows
 * and audit entries it commits to, and every digest logged or given.
 */
public final class LedgerService {

    /** The event the migration that started the ledger appended (it takes no transaction time). */
    public static final String EVENT_STARTED = "ledger.started";
    /** The events that record a version, whose ledger entries commit to the version row. */
    public static final Set<String> RECORD_EVENT_TYPES = Set.of(RecordService.EVENT_RECORD_WRITTEN, RecordService.EVENT_RECORD_RESTORED);
    /** Rows read per query while verifying: memory stays flat however long the chains are. */
    static final int PAGE = 1_000;

    private final LedgerStore store;
    private final DigestLog log;
    private final DigestKey key;
    private final Clock clock;

    /**
     * @param key the installation's key: checks digests, and signs them when it has its private half;
     *            {@code null} when there is none (offline, before the first start): then any digest
     *            logged or given fails the verification, as it cannot be checked
     */
    public LedgerService(LedgerStore store, DigestLog log, DigestKey key, Clock clock) {
        this.store = store;
        this.log = log;
        this.key = key;
        this.clock = clock;
    }

    /**
     * A signed digest of each lane of the ledger as it is now, all taken at the same instant, by
     * lane (docs/decisions/0030). A SQLite database has one lane, lane 0.
     */
    public List<LedgerDigest> digests() {
        if (key == null) {
            throw new IllegalStateException("no signing key: digests cannot be signed");
        }
        Instant at = clock.instant();
        return store.heads().stream().map(head -> key.sign(head.lane(), head.entries(), head.hash(), at)).toList();
    }

    /** Takes {@link #digests()} now and appends them to the log, one a line; returns them. */
    public List<LedgerDigest> recordDigests() {
        List<LedgerDigest> digests = digests();
        digests.forEach(log::append);
        return digests;
    }

    /**
     * A signed digest of a ledger of one lane (every SQLite database) as it is now.
     *
     * @throws IllegalStateException when the ledger has several lanes: then {@link #digests()} signs one for each
     */
    public LedgerDigest digest() {
        return only(digests());
    }

    /**
     * Takes a digest of a ledger of one lane now and appends it to the log; returns it.
     *
     * @throws IllegalStateException when the ledger has several lanes: then {@link #recordDigests()} logs one for each
     */
    public LedgerDigest record() {
        LedgerDigest digest = digest();
        log.append(digest);
        return digest;
    }

    private static LedgerDigest only(List<LedgerDigest> digests) {
        if (digests.size() != 1) {
            throw new IllegalStateException("the ledger has " + digests.size() + " lanes: each needs a digest of its own");
        }
        return digests.get(0);
    }

    /** Checks everything stored against itself and against every logged digest. */
    public LedgerVerification verify() {
        return verify(List.of());
    }

    /**
     * Checks everything stored, against every logged digest and the digests {@code given} (each
     * named by where it came from). Stops at the first thing that does not hold. The log is read
     * before the database, so that every logged digest describes a ledger the read includes.
     */
    public LedgerVerification verify(List<LedgerCheck.Expected> given) {
        return verify(given, VerificationProgress.NONE);
    }

    /**
     * {@link #verify(List)}, telling {@code progress} after each page how many entries (audit
     * entries, then ledger entries) are checked, of about how many: the ids the database handed out.
     */
    public LedgerVerification verify(List<LedgerCheck.Expected> given, VerificationProgress progress) {
        List<LedgerCheck.Expected> expected = new ArrayList<>();
        for (LedgerCheck.Expected digest : given) {
            Optional<String> problem = signatureProblem(digest.digest());
            if (problem.isPresent()) {
                return LedgerVerification.failure(0, 0, 0, null, reason(problem.get() + " (" + digest.source() + ")"));
            }
            expected.add(digest);
        }
        String latest = null;
        List<String> lines = log.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String source = log.name() + " line " + (i + 1);
            LedgerDigest digest;
            try {
                digest = LedgerDigest.parse(lines.get(i));
            } catch (IllegalArgumentException e) {
                return LedgerVerification.failure(0, 0, 0, null, reason(source + " is not a digest: " + e.getMessage()));
            }
            Optional<String> problem = signatureProblem(digest);
            if (problem.isPresent()) {
                return LedgerVerification.failure(0, 0, 0, null, reason(problem.get() + " (" + source + ")"));
            }
            expected.add(new LedgerCheck.Expected(source, digest));
            if (latest == null || Instants.parse(digest.at()).isAfter(Instants.parse(latest))) {
                latest = digest.at();
            }
        }
        String latestAt = latest;
        return store.read(view -> new VerificationWalk(view, expected, latestAt, progress).run());
    }

    /** One line of the digest log: the digest, whether its signature holds, or why the line is no digest. */
    public record LoggedDigest(int line, LedgerDigest digest, String problem) {

        /** Whether the line is a digest signed by this installation's key. */
        public boolean signatureOk() {
            return digest != null && problem == null;
        }
    }

    /** Every non-blank line of the digest log, oldest first, each parsed and its signature checked. */
    public List<LoggedDigest> loggedDigests() {
        List<String> lines = log.lines();
        List<LoggedDigest> digests = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                LedgerDigest digest = LedgerDigest.parse(lines.get(i));
                digests.add(new LoggedDigest(i + 1, digest, signatureProblem(digest).orElse(null)));
            } catch (IllegalArgumentException e) {
                digests.add(new LoggedDigest(i + 1, null, "not a digest: " + e.getMessage()));
            }
        }
        return digests;
    }

    private Optional<String> signatureProblem(LedgerDigest digest) {
        return key == null ? Optional.of("signature not checked: there is no signing key to check it with") : key.problemWith(digest);
    }

    private static ChainBreak reason(String reason) {
        return new ChainBreak(null, null, null, null, reason);
    }
}
