package io.timetravel.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Walks the ledger (the hash chain over {@code event_logs}, docs/decisions/0021) entry by entry in
 * id order, holding only the previous hash, the newest sealed audit entry and the digests still
 * ahead. Each entry must be readable, link to the previous one, carry the hash of its content,
 * match the version row it records, seal audit entries that still have the hashes it sealed,
 * and end, at each digest's number of entries, in that digest's head.
 */
public final class LedgerCheck {

    public static final String UNREADABLE = "event is unreadable: ";
    public static final String LINK_BROKEN = "prev_hash does not match the previous event";
    public static final String CONTENT_CHANGED = "hash does not match the event's content";
    public static final String NO_VERSION_DIGEST = "the event records no digest of its version row";
    public static final String CHAIN_REWRITTEN = "chain rewritten: ";
    public static final String ENTRIES_REMOVED = "entries removed: ";

    /** Where the audit entries the ledger seals are looked up, in ascending id order. */
    @FunctionalInterface
    public interface AuditHashes {
        /** The stored hash of audit entry {@code id}, empty when there is no such entry. */
        Optional<String> hashOf(long id);
    }

    /**
     * Which ids no event holds, for naming the events deleted from the middle of a chain. Ids are
     * global and a lane's entries have gaps where other lanes' sit (docs/decisions/0030): only the
     * ids no lane holds can be the deleted ones.
     */
    @FunctionalInterface
    public interface FreeIds {
        /** Every id between is free: one lane holds every event. */
        FreeIds ALL = (afterId, beforeId) -> afterId + 1 < beforeId ? Optional.of(new IdRun(afterId + 1, beforeId - 1)) : Optional.empty();

        /** The first run of ids above {@code afterId} and below {@code beforeId} that no event holds. */
        Optional<IdRun> firstFreeRun(long afterId, long beforeId);
    }

    /** A run of ids, {@code first} to {@code last}, both included. */
    public record IdRun(long first, long last) {
    }

    /** A digest the ledger must extend, and where it came from ("digests.log line 3"), for messages. */
    public record Expected(String source, LedgerDigest digest) {
    }

    private final Set<String> recordEventTypes;
    private final List<Expected> digests;
    private final FreeIds freeIds;
    private int nextDigest;
    private Expected lastHeld;
    private int digestsChecked;
    private String head = HashChain.GENESIS;
    private long checked;
    private long lastEventId;
    private long sealedAuditId;
    private ChainBreak broken;
    private boolean missingEvents;

    /**
     * @param recordEventTypes the event types that record a version (and must commit to its row)
     * @param digests          digests whose signatures are checked already, in any order
     */
    public LedgerCheck(Set<String> recordEventTypes, List<Expected> digests) {
        this(recordEventTypes, digests, FreeIds.ALL);
    }

    /**
     * @param recordEventTypes the event types that record a version (and must commit to its row)
     * @param digests          digests of this chain whose signatures are checked already, in any order
     * @param freeIds          which ids no event holds, for naming deleted events
     */
    public LedgerCheck(Set<String> recordEventTypes, List<Expected> digests, FreeIds freeIds) {
        this.recordEventTypes = Set.copyOf(recordEventTypes);
        this.freeIds = freeIds;
        List<Expected> sorted = new ArrayList<>(digests);
        sorted.sort(Comparator.comparingLong(expected -> expected.digest().entries()));
        this.digests = sorted;
    }

    /**
     * Checks the next entry of the ledger with the version row it records ({@code null} when
     * there is none). Once something is broken, nothing more is checked.
     *
     * @return the break when this entry does not hold, else empty
     */
    public Optional<ChainBreak> check(StoredEvent event, StoredVersionRow row, AuditHashes audit) {
        if (broken == null && checked == 0) {
            broken = digestsAtPosition(null).orElse(null);
        }
        if (broken != null) {
            return Optional.of(broken);
        }
        checked++;
        broken = problem(event, row, audit).orElse(null);
        if (broken == null) {
            head = event.hash();
            lastEventId = event.id();
            broken = digestsAtPosition(event).orElse(null);
        }
        return Optional.ofNullable(broken);
    }

    private Optional<ChainBreak> problem(StoredEvent event, StoredVersionRow row, AuditHashes audit) {
        Long recordId = AuditChainCheck.optionalId(event.recordId(), false);
        Long version = AuditChainCheck.optionalId(event.version(), false);
        Long auditId = AuditChainCheck.optionalId(event.auditId(), false);
        String unreadable = null;
        if (event.recordId() != null && recordId == null) {
            unreadable = "record_id " + AuditChainCheck.quote(event.recordId()) + " is not an id";
        } else if (event.version() != null && version == null) {
            unreadable = "version " + AuditChainCheck.quote(event.version()) + " is not a version number";
        } else if (event.actor() != null && AuditChainCheck.optionalId(event.actor(), true) == null) {
            unreadable = "actor " + AuditChainCheck.quote(event.actor()) + " is not a user id";
        } else if (event.auditId() != null && auditId == null) {
            unreadable = "audit_id " + AuditChainCheck.quote(event.auditId()) + " is not an id";
        } else if (event.eventType() == null || event.payload() == null || event.prevHash() == null || event.hash() == null) {
            unreadable = "event_type, payload, prev_hash and hash are required";
        } else if (!AuditChainCheck.isStoredInstant(event.occurredAt())) {
            unreadable = "occurred_at " + AuditChainCheck.quote(event.occurredAt()) + " is not an instant";
        } else if (event.auditHash() != null && auditId == null) {
            unreadable = "audit_hash without audit_id";
        }
        if (unreadable != null) {
            return broken(null, event, recordId, version, UNREADABLE + unreadable);
        }
        if (!event.prevHash().equals(head)) {
            // Ids are handed out in order and never reused: the free ones between are the rows gone.
            Optional<IdRun> free = freeIds.firstFreeRun(lastEventId, event.id());
            if (free.isPresent()) {
                missingEvents = true;
                long firstGone = free.get().first();
                long lastGone = free.get().last();
                String gone = lastGone == firstGone ? "event " + firstGone + " is missing" : "events " + firstGone + " to "
                        + lastGone + " are missing";
                return Optional.of(new ChainBreak(null, firstGone, null, null, gone + " (event " + event.id() + " does not link to "
                        + (lastEventId == 0 ? "the start" : "event " + lastEventId) + ")"));
            }
            return broken(null, event, recordId, version, LINK_BROKEN);
        }
        if (!event.expectedHash(event.prevHash()).equals(event.hash())) {
            return broken(null, event, recordId, version, CONTENT_CHANGED);
        }
        if (event.versionSha256() != null) {
            if (row == null) {
                return broken(null, event, recordId, version, "version row is missing (event " + event.id() + " recorded it)");
            }
            if (!row.sha256().equals(event.versionSha256())) {
                return broken(null, event, recordId, version, "version row does not match what event " + event.id() + " recorded");
            }
        } else if (recordEventTypes.contains(event.eventType())) {
            return broken(null, event, recordId, version, NO_VERSION_DIGEST);
        }
        return seal(event, auditId, recordId, version, audit);
    }

    /** The audit entries this event seals: every one up to {@code audit_id} when it names a newer one than before. */
    private Optional<ChainBreak> seal(StoredEvent event, Long auditId, Long recordId, Long version, AuditHashes audit) {
        if (event.auditHash() == null) {
            if (!Objects.equals(auditId, sealedAuditId == 0 ? null : sealedAuditId)) {
                return broken(auditId, event, recordId, version, "event " + event.id() + " names audit entry " + auditId
                        + " without sealing it; the last one sealed is " + (sealedAuditId == 0 ? "none" : sealedAuditId));
            }
            return Optional.empty();
        }
        if (auditId < sealedAuditId) {
            return broken(auditId, event, recordId, version, "event " + event.id() + " seals audit entry " + auditId
                    + ", older than entry " + sealedAuditId + " that an earlier event sealed");
        }
        Optional<String> stored = audit.hashOf(auditId);
        if (stored.isEmpty()) {
            return broken(auditId, event, recordId, version, "audit entry is missing (event " + event.id() + " sealed it)");
        }
        if (!stored.get().equals(event.auditHash())) {
            return broken(auditId, event, recordId, version,
                    "audit entry was rewritten: its hash is not the one event " + event.id() + " sealed");
        }
        sealedAuditId = auditId;
        return Optional.empty();
    }

    /** Compares the digests taken at the current number of entries with the current head. */
    private Optional<ChainBreak> digestsAtPosition(StoredEvent last) {
        while (nextDigest < digests.size() && digests.get(nextDigest).digest().entries() <= checked) {
            Expected expected = digests.get(nextDigest++);
            LedgerDigest digest = expected.digest();
            digestsChecked++;
            if (!digest.head().equals(head)) {
                String where = lastHeld == null ? "entries 1 to " + checked
                        : "entries " + (lastHeld.digest().entries() + 1) + " to " + checked + " (" + lastHeld.source()
                        + ", taken at " + lastHeld.digest().at() + " for " + lastHeld.digest().entries() + " entries, still holds)";
                // No hashes in the reason: to a caller who sees values masked an unkeyed hash is an oracle (decision 0018).
                String reason = CHAIN_REWRITTEN + "ledger entry " + checked + (last == null ? "" : " (event " + last.id() + ")")
                        + " is not the one " + expected.source() + ", taken at " + digest.at() + ", signed; the change lies in " + where;
                return last == null ? Optional.of(new ChainBreak(null, null, null, null, reason))
                        : broken(null, last, AuditChainCheck.optionalId(last.recordId(), false), AuditChainCheck.optionalId(last.version(), false), reason);
            }
            lastHeld = expected;
        }
        return Optional.empty();
    }

    /**
     * After the last entry: every digest must have been reached. Call once the walk is done.
     *
     * @return the break when a digest covers more entries than the ledger has
     */
    public Optional<ChainBreak> finish() {
        if (broken == null && checked == 0) {
            broken = digestsAtPosition(null).orElse(null);
        }
        if (broken != null) {
            return Optional.of(broken);
        }
        if (nextDigest < digests.size()) {
            Expected beyond = digests.get(digests.size() - 1);
            broken = new ChainBreak(null, null, null, null, ENTRIES_REMOVED + beyond.source() + ", taken at " + beyond.digest().at()
                    + ", covers " + beyond.digest().entries() + " ledger entries, but the ledger has " + checked
                    + (checked == 0 ? "" : ", ending with event " + lastEventId));
        }
        return Optional.ofNullable(broken);
    }

    private Optional<ChainBreak> broken(Long auditId, StoredEvent event, Long recordId, Long version, String reason) {
        return Optional.of(new ChainBreak(auditId, event.id(), recordId, version, reason));
    }

    /** Entries checked so far, including a broken one. */
    public long checked() {
        return checked;
    }

    /** The hash of the last entry that held ({@link HashChain#GENESIS} before the first). */
    public String head() {
        return head;
    }

    /** The id of the last entry that held, 0 before the first. */
    public long lastEventId() {
        return lastEventId;
    }

    /** The newest audit entry sealed so far (every one up to it is covered), 0 for none. */
    public long sealedAuditId() {
        return sealedAuditId;
    }

    /**
     * Whether the break is events deleted from the middle of the ledger: the version rows they
     * recorded are then the ones no event records.
     */
    public boolean brokenByMissingEvents() {
        return missingEvents;
    }

    /** How many digests the ledger was compared with so far. */
    public int digestsChecked() {
        return digestsChecked;
    }
}
