package io.timetravel.service;

import io.timetravel.domain.AuditChainCheck;
import io.timetravel.domain.ChainBreak;
import io.timetravel.domain.Ids;
import io.timetravel.domain.Lanes;
import io.timetravel.domain.LedgerCheck;
import io.timetravel.domain.StoredAuditEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One verification's walk over one consistent read ({@link LedgerService#verify}): each lane's
 * audit chain, then each lane's ledger with its own digests and the audit entries of its lane,
 * then what no later entry links to, once for the whole database.
 */
final class VerificationWalk {

    private final LedgerStore.View view;
    private final List<LedgerCheck.Expected> digests;
    private final String latestDigestAt;
    private final VerificationProgress progress;
    private final List<Lane> lanes = new ArrayList<>();
    private boolean named;
    private long total;

    VerificationWalk(LedgerStore.View view, List<LedgerCheck.Expected> digests, String latestDigestAt, VerificationProgress progress) {
        this.view = view;
        this.progress = progress;
        this.digests = digests;
        this.latestDigestAt = latestDigestAt;
    }

    LedgerVerification run() {
        if (progress != VerificationProgress.NONE) {
            total = view.lastIssuedAuditId() + view.lastIssuedEventId();
        }
        openLanes();
        Optional<ChainBreak> broken = walkChains().or(this::unlinked).or(this::removedAtEnd).or(this::beyondDigests);
        return broken.map(this::failure).orElseGet(this::success);
    }

    private void openLanes() {
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
    }

    private Optional<ChainBreak> walkChains() {
        // The audit chains on their own first, as they always were checked.
        for (Lane lane : lanes) {
            Optional<ChainBreak> broken = lane.walkAudit();
            if (broken.isPresent()) {
                return Optional.of(lane.named(broken.get()));
            }
        }
        // Then the ledger, with the version rows and the audit entries it commits to.
        for (Lane lane : lanes) {
            Optional<ChainBreak> broken = lane.walkLedger();
            if (broken.isPresent()) {
                return Optional.of(lane.named(lane.ledger.brokenByMissingEvents() ? withUnrecordedVersion(broken.get()) : broken.get()));
            }
        }
        return Optional.empty();
    }

    /** What no later entry links to: the newest rows, named as precisely as the evidence allows. */
    private Optional<ChainBreak> unlinked() {
        Optional<LedgerStore.VersionRef> unrecorded = view.firstUnrecordedVersion();
        if (unrecorded.isPresent()) {
            return Optional.of(new ChainBreak(null, null, unrecorded.get().recordId(), unrecorded.get().version(),
                    "no event records this version: the row was added by hand, or its event was deleted"));
        }
        for (Lane lane : lanes) {
            Optional<StoredAuditEntry> unsealed = lane.sealed.firstAfter(lane.ledger.sealedAuditId());
            if (unsealed.isPresent()) {
                StoredAuditEntry entry = unsealed.get();
                return Optional.of(lane.named(new ChainBreak(entry.id(), null, id(entry.recordId()), id(entry.version()),
                        "audit entry is sealed by no event: it was added by hand, or the events after event "
                                + lane.ledger.lastEventId() + " were deleted")));
            }
        }
        return Optional.empty();
    }

    /** Ids are global: the highest one any lane holds is the last one given out, unless the newest rows are gone. */
    private Optional<ChainBreak> removedAtEnd() {
        long lastEventId = lanes.stream().mapToLong(lane -> lane.ledger.lastEventId()).max().orElse(0);
        long issuedEvents = view.lastIssuedEventId();
        if (issuedEvents > lastEventId) {
            return Optional.of(new ChainBreak(null, lastEventId + 1, null, null, LedgerCheck.ENTRIES_REMOVED
                    + "event ids up to " + issuedEvents + " were given out, but the ledger ends with event "
                    + lastEventId + ": " + deleted("event", lastEventId + 1, issuedEvents)));
        }
        long lastAuditId = lanes.stream().mapToLong(lane -> lane.lastAuditId).max().orElse(0);
        long issuedAudit = view.lastIssuedAuditId();
        if (issuedAudit > lastAuditId) {
            return Optional.of(new ChainBreak(lastAuditId + 1, null, null, null, LedgerCheck.ENTRIES_REMOVED
                    + "audit entry ids up to " + issuedAudit + " were given out, but the audit trail ends with entry "
                    + lastAuditId + ": " + deleted("entry", lastAuditId + 1, issuedAudit)));
        }
        return Optional.empty();
    }

    /** A digest that describes more of a lane's ledger than there is. */
    private Optional<ChainBreak> beyondDigests() {
        for (Lane lane : lanes) {
            Optional<ChainBreak> beyond = lane.ledger.finish();
            if (beyond.isPresent()) {
                return Optional.of(lane.named(beyond.get()));
            }
        }
        return Optional.empty();
    }

    private LedgerVerification success() {
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
            this.ledger = new LedgerCheck(LedgerService.RECORD_EVENT_TYPES, digests, view::firstFreeEventIds);
            this.sealed = new AuditCursor(view, id);
        }

        Optional<ChainBreak> walkAudit() {
            long after = 0;
            while (true) {
                List<StoredAuditEntry> page = view.auditAfter(id, after, LedgerService.PAGE);
                for (StoredAuditEntry entry : page) {
                    Optional<AuditChainCheck.Break> broken = audit.check(entry);
                    if (broken.isPresent()) {
                        return Optional.of(ChainBreak.of(broken.get()));
                    }
                    lastAuditId = entry.id();
                }
                report();
                if (page.size() < LedgerService.PAGE) {
                    return Optional.empty();
                }
                after = page.get(page.size() - 1).id();
            }
        }

        Optional<ChainBreak> walkLedger() {
            long after = 0;
            while (true) {
                List<LedgerStore.Entry> page = view.eventsAfter(id, after, LedgerService.PAGE);
                for (LedgerStore.Entry entry : page) {
                    Optional<ChainBreak> broken = ledger.check(entry.event(), entry.versionRow(), sealed);
                    if (broken.isPresent()) {
                        return broken;
                    }
                }
                report();
                if (page.size() < LedgerService.PAGE) {
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
