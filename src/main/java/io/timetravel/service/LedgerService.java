package io.timetravel.service;

import io.timetravel.domain.AuditChainCheck;
import io.timetravel.domain.ChainBreak;
import io.timetravel.domain.DigestKey;
import io.timetravel.domain.Ids;
import io.timetravel.domain.Instants;
import io.timetravel.domain.LedgerCheck;
import io.timetravel.domain.LedgerDigest;
import io.timetravel.domain.StoredAuditEntry;
import java.time.Clock;
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

    /** A signed digest of the ledger as it is now. */
    public LedgerDigest digest() {
        if (key == null) {
            throw new IllegalStateException("no signing key: digests cannot be signed");
        }
        LedgerStore.Head head = store.head();
        return key.sign(head.entries(), head.hash(), clock.instant());
    }

    /** Takes a digest now and appends it to the log; returns it. */
    public LedgerDigest record() {
        LedgerDigest digest = digest();
        log.append(digest);
        return digest;
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
        return store.read(view -> new Walk(view, expected, latestAt, progress).run());
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

    /** One verification's walk over one consistent read. */
    private static final class Walk {
        private final LedgerStore.View view;
        private final LedgerCheck ledger;
        private final String latestDigestAt;
        private final AuditChainCheck audit = new AuditChainCheck();
        private final VerificationProgress progress;
        private long lastAuditId;
        private long total;

        Walk(LedgerStore.View view, List<LedgerCheck.Expected> digests, String latestDigestAt, VerificationProgress progress) {
            this.view = view;
            this.progress = progress;
            this.ledger = new LedgerCheck(RECORD_EVENT_TYPES, digests);
            this.latestDigestAt = latestDigestAt;
        }

        LedgerVerification run() {
            if (progress != VerificationProgress.NONE) {
                total = view.lastIssuedAuditId() + view.lastIssuedEventId();
            }
            // The audit chain on its own first, as it always was checked.
            long after = 0;
            while (true) {
                List<StoredAuditEntry> page = view.auditAfter(after, PAGE);
                for (StoredAuditEntry entry : page) {
                    Optional<AuditChainCheck.Break> broken = audit.check(entry);
                    if (broken.isPresent()) {
                        return failure(ChainBreak.of(broken.get()));
                    }
                    lastAuditId = entry.id();
                }
                report();
                if (page.size() < PAGE) {
                    break;
                }
                after = page.get(page.size() - 1).id();
            }
            // Then the ledger, with the version rows and the audit entries it commits to.
            AuditCursor sealed = new AuditCursor(view);
            after = 0;
            while (true) {
                List<LedgerStore.Entry> page = view.eventsAfter(after, PAGE);
                for (LedgerStore.Entry entry : page) {
                    Optional<ChainBreak> broken = ledger.check(entry.event(), entry.versionRow(), sealed);
                    if (broken.isPresent()) {
                        return failure(ledger.brokenByMissingEvents() ? withUnrecordedVersion(broken.get()) : broken.get());
                    }
                }
                report();
                if (page.size() < PAGE) {
                    break;
                }
                after = page.get(page.size() - 1).event().id();
            }
            // What no later entry links to: the newest rows, named as precisely as the evidence allows.
            Optional<LedgerStore.VersionRef> unrecorded = view.firstUnrecordedVersion();
            if (unrecorded.isPresent()) {
                return failure(new ChainBreak(null, null, unrecorded.get().recordId(), unrecorded.get().version(),
                        "no event records this version: the row was added by hand, or its event was deleted"));
            }
            Optional<StoredAuditEntry> unsealed = sealed.firstAfter(ledger.sealedAuditId());
            if (unsealed.isPresent()) {
                StoredAuditEntry entry = unsealed.get();
                return failure(new ChainBreak(entry.id(), null, id(entry.recordId()), id(entry.version()),
                        "audit entry is sealed by no event: it was added by hand, or the events after event "
                                + ledger.lastEventId() + " were deleted"));
            }
            long issuedEvents = view.lastIssuedEventId();
            if (issuedEvents > ledger.lastEventId()) {
                return failure(new ChainBreak(null, ledger.lastEventId() + 1, null, null, LedgerCheck.ENTRIES_REMOVED
                        + "event ids up to " + issuedEvents + " were given out, but the ledger ends with event "
                        + ledger.lastEventId() + ": " + deleted("event", ledger.lastEventId() + 1, issuedEvents)));
            }
            long issuedAudit = view.lastIssuedAuditId();
            if (issuedAudit > lastAuditId) {
                return failure(new ChainBreak(lastAuditId + 1, null, null, null, LedgerCheck.ENTRIES_REMOVED
                        + "audit entry ids up to " + issuedAudit + " were given out, but the audit trail ends with entry "
                        + lastAuditId + ": " + deleted("entry", lastAuditId + 1, issuedAudit)));
            }
            Optional<ChainBreak> beyond = ledger.finish();
            if (beyond.isPresent()) {
                return failure(beyond.get());
            }
            return new LedgerVerification(true, audit.checked(), audit.head(), ledger.checked(), ledger.head(), view.versions(),
                    ledger.digestsChecked(), latestDigestAt, null);
        }

        private void report() {
            long checked = audit.checked() + ledger.checked();
            progress.checked(checked, Math.max(total, checked));
        }

        /** Events deleted from the middle: the version a deleted record event recorded is now recorded by none. */
        private ChainBreak withUnrecordedVersion(ChainBreak broken) {
            return view.firstUnrecordedVersion()
                    .map(version -> new ChainBreak(null, broken.eventId(), version.recordId(), version.version(),
                            broken.reason() + "; record " + version.recordId() + " version " + version.version() + " is recorded by no event"))
                    .orElse(broken);
        }

        private static String deleted(String noun, long first, long last) {
            return first == last ? noun + " " + first + " was deleted"
                    : (noun.equals("entry") ? "entries " : noun + "s ") + first + " to " + last + " were deleted";
        }

        private LedgerVerification failure(ChainBreak broken) {
            return LedgerVerification.failure(audit.checked(), ledger.checked(), ledger.digestsChecked(), latestDigestAt, broken);
        }

        private static Long id(String text) {
            if (text == null) {
                return null;
            }
            long value = Ids.parsePositiveLong(text);
            return value > 0 ? value : null;
        }
    }

    /** The audit trail read forward by id, a page at a time, for the seals the ledger names in ascending order. */
    private static final class AuditCursor implements LedgerCheck.AuditHashes {
        private final LedgerStore.View view;
        private List<StoredAuditEntry> page = List.of();
        private int index;
        private long after;
        private boolean exhausted;

        AuditCursor(LedgerStore.View view) {
            this.view = view;
        }

        @Override
        public Optional<String> hashOf(long id) {
            StoredAuditEntry entry = seek(id);
            return entry != null && entry.id() == id ? Optional.ofNullable(entry.hash()) : Optional.empty();
        }

        /** The first audit entry with an id greater than {@code id}. */
        Optional<StoredAuditEntry> firstAfter(long id) {
            return Optional.ofNullable(seek(id + 1));
        }

        /** The entry with the smallest id not below {@code id}, or {@code null}. */
        private StoredAuditEntry seek(long id) {
            while (true) {
                while (index < page.size() && page.get(index).id() < id) {
                    index++;
                }
                if (index < page.size()) {
                    return page.get(index);
                }
                if (exhausted) {
                    return null;
                }
                page = view.auditAfter(after, PAGE);
                index = 0;
                exhausted = page.size() < PAGE;
                if (page.isEmpty()) {
                    return null;
                }
                after = page.get(page.size() - 1).id();
            }
        }
    }
}
