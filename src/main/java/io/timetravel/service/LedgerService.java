package io.timetravel.service;

import io.timetravel.domain.AuditChainCheck;
import io.timetravel.domain.ChainBreak;
import io.timetravel.domain.DigestKey;
import io.timetravel.domain.Ids;
import io.timetravel.domain.Instants;
import io.timetravel.domain.Lanes;
import io.timetravel.domain.LedgerCheck;
import io.timetravel.domain.LedgerDigest;
import io.timetravel.domain.StoredAuditEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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

    /**
     * One verification's walk over one consistent read: each lane's audit chain, then each lane's
     * ledger with its own digests and the audit entries of its lane, then what no later entry links
     * to, once for the whole database.
     */
    private static final class Walk {
        private final LedgerStore.View view;
        private final List<LedgerCheck.Expected> digests;
        private final String latestDigestAt;
        private final VerificationProgress progress;
        private final List<Lane> lanes = new ArrayList<>();
        private boolean named;
        private long total;

        Walk(LedgerStore.View view, List<LedgerCheck.Expected> digests, String latestDigestAt, VerificationProgress progress) {
            this.view = view;
            this.progress = progress;
            this.digests = digests;
            this.latestDigestAt = latestDigestAt;
        }

        LedgerVerification run() {
            if (progress != VerificationProgress.NONE) {
                total = view.lastIssuedAuditId() + view.lastIssuedEventId();
            }
            // Every lane the database holds, and every lane a digest names (it must still be there).
            TreeSet<Long> laneIds = new TreeSet<>(view.lanes());
            digests.forEach(expected -> laneIds.add(expected.digest().lane()));
            if (laneIds.isEmpty()) {
                laneIds.add(0L);
            }
            named = Lanes.named(laneIds);
            for (long id : laneIds) {
                lanes.add(new Lane(id, digests.stream().filter(expected -> expected.digest().lane() == id).toList()));
            }
            // The audit chains on their own first, as they always were checked.
            for (Lane lane : lanes) {
                Optional<ChainBreak> broken = lane.walkAudit();
                if (broken.isPresent()) {
                    return failure(lane.named(broken.get()));
                }
            }
            // Then the ledger, with the version rows and the audit entries it commits to.
            for (Lane lane : lanes) {
                Optional<ChainBreak> broken = lane.walkLedger();
                if (broken.isPresent()) {
                    return failure(lane.named(lane.ledger.brokenByMissingEvents() ? withUnrecordedVersion(broken.get()) : broken.get()));
                }
            }
            // What no later entry links to: the newest rows, named as precisely as the evidence allows.
            Optional<LedgerStore.VersionRef> unrecorded = view.firstUnrecordedVersion();
            if (unrecorded.isPresent()) {
                return failure(new ChainBreak(null, null, unrecorded.get().recordId(), unrecorded.get().version(),
                        "no event records this version: the row was added by hand, or its event was deleted"));
            }
            for (Lane lane : lanes) {
                Optional<StoredAuditEntry> unsealed = lane.sealed.firstAfter(lane.ledger.sealedAuditId());
                if (unsealed.isPresent()) {
                    StoredAuditEntry entry = unsealed.get();
                    return failure(lane.named(new ChainBreak(entry.id(), null, id(entry.recordId()), id(entry.version()),
                            "audit entry is sealed by no event: it was added by hand, or the events after event "
                                    + lane.ledger.lastEventId() + " were deleted")));
                }
            }
            // Ids are global: the highest one any lane holds is the last one given out, unless the newest rows are gone.
            long lastEventId = lanes.stream().mapToLong(lane -> lane.ledger.lastEventId()).max().orElse(0);
            long issuedEvents = view.lastIssuedEventId();
            if (issuedEvents > lastEventId) {
                return failure(new ChainBreak(null, lastEventId + 1, null, null, LedgerCheck.ENTRIES_REMOVED
                        + "event ids up to " + issuedEvents + " were given out, but the ledger ends with event "
                        + lastEventId + ": " + deleted("event", lastEventId + 1, issuedEvents)));
            }
            long lastAuditId = lanes.stream().mapToLong(lane -> lane.lastAuditId).max().orElse(0);
            long issuedAudit = view.lastIssuedAuditId();
            if (issuedAudit > lastAuditId) {
                return failure(new ChainBreak(lastAuditId + 1, null, null, null, LedgerCheck.ENTRIES_REMOVED
                        + "audit entry ids up to " + issuedAudit + " were given out, but the audit trail ends with entry "
                        + lastAuditId + ": " + deleted("entry", lastAuditId + 1, issuedAudit)));
            }
            for (Lane lane : lanes) {
                Optional<ChainBreak> beyond = lane.ledger.finish();
                if (beyond.isPresent()) {
                    return failure(lane.named(beyond.get()));
                }
            }
            TreeMap<Long, String> auditHeads = new TreeMap<>();
            TreeMap<Long, String> ledgerHeads = new TreeMap<>();
            List<LedgerVerification.Lane> results = new ArrayList<>();
            for (Lane lane : lanes) {
                auditHeads.put(lane.id, lane.audit.head());
                ledgerHeads.put(lane.id, lane.ledger.head());
                results.add(new LedgerVerification.Lane(lane.id, lane.audit.checked(), lane.audit.head(), lane.ledger.checked(),
                        lane.ledger.head()));
            }
            return new LedgerVerification(true, auditChecked(), Lanes.joinedHead(auditHeads), ledgerChecked(),
                    Lanes.joinedHead(ledgerHeads), view.versions(), digestsChecked(), latestDigestAt, null, results);
        }

        private long auditChecked() {
            return lanes.stream().mapToLong(lane -> lane.audit.checked()).sum();
        }

        private long ledgerChecked() {
            return lanes.stream().mapToLong(lane -> lane.ledger.checked()).sum();
        }

        private int digestsChecked() {
            return lanes.stream().mapToInt(lane -> lane.ledger.digestsChecked()).sum();
        }

        private void report() {
            long checked = auditChecked() + ledgerChecked();
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
            return LedgerVerification.failure(auditChecked(), ledgerChecked(), digestsChecked(), latestDigestAt, broken);
        }

        private static Long id(String text) {
            if (text == null) {
                return null;
            }
            long value = Ids.parsePositiveLong(text);
            return value > 0 ? value : null;
        }

        /** One lane's chains: its audit chain, its ledger held to its own digests, its audit entries as the ledger seals them. */
        private final class Lane {
            private final long id;
            private final AuditChainCheck audit = new AuditChainCheck();
            private final LedgerCheck ledger;
            private final AuditCursor sealed;
            private long lastAuditId;

            Lane(long id, List<LedgerCheck.Expected> digests) {
                this.id = id;
                this.ledger = new LedgerCheck(RECORD_EVENT_TYPES, digests, view::firstFreeEventIds);
                this.sealed = new AuditCursor(view, id);
            }

            Optional<ChainBreak> walkAudit() {
                long after = 0;
                while (true) {
                    List<StoredAuditEntry> page = view.auditAfter(id, after, PAGE);
                    for (StoredAuditEntry entry : page) {
                        Optional<AuditChainCheck.Break> broken = audit.check(entry);
                        if (broken.isPresent()) {
                            return Optional.of(ChainBreak.of(broken.get()));
                        }
                        lastAuditId = entry.id();
                    }
                    report();
                    if (page.size() < PAGE) {
                        return Optional.empty();
                    }
                    after = page.get(page.size() - 1).id();
                }
            }

            Optional<ChainBreak> walkLedger() {
                long after = 0;
                while (true) {
                    List<LedgerStore.Entry> page = view.eventsAfter(id, after, PAGE);
                    for (LedgerStore.Entry entry : page) {
                        Optional<ChainBreak> broken = ledger.check(entry.event(), entry.versionRow(), sealed);
                        if (broken.isPresent()) {
                            return broken;
                        }
                    }
                    report();
                    if (page.size() < PAGE) {
                        return Optional.empty();
                    }
                    after = page.get(page.size() - 1).event().id();
                }
            }

            /** {@code broken} with its reason naming this lane, when the database has any lane but 0. */
            ChainBreak named(ChainBreak broken) {
                return named ? new ChainBreak(broken.auditId(), broken.eventId(), broken.recordId(), broken.version(),
                        Lanes.prefix(true, id) + broken.reason()) : broken;
            }
        }
    }

    /**
     * One lane of the audit trail read forward by id, a page at a time, for the seals the lane's
     * ledger names in ascending order.
     */
    private static final class AuditCursor implements LedgerCheck.AuditHashes {
        private final LedgerStore.View view;
        private final long lane;
        private List<StoredAuditEntry> page = List.of();
        private int index;
        private long after;
        private boolean exhausted;

        AuditCursor(LedgerStore.View view, long lane) {
            this.view = view;
            this.lane = lane;
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
                page = view.auditAfter(lane, after, PAGE);
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
