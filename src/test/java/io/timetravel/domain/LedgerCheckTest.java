package io.timetravel.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Walking the ledger on the stored text: each kind of tampering is named by the row it touches. */
class LedgerCheckTest {

    private static final Set<String> RECORD_EVENTS = Set.of("record.written");
    private static final DigestKey KEY = DigestKey.generate();

    /** Version {@code v} of record 7 as the writer stores it. */
    private static StoredVersionRow row(long v, String actor) {
        String at = "2026-05-01T10:00:0" + v + ".000000Z";
        return new StoredVersionRow("7", Long.toString(v), v == 1 ? "{\"n\":1}" : null, "{\"n\":" + v + "}", "1", at, null, at, at,
                actor, v == 1 ? "CREATE" : "UPDATE", null, "{\"source\":\"v2\"}", "{\"n\":" + v + "}");
    }

    private static String auditHash(long id) {
        return HashChain.sha256Hex("audit entry " + id);
    }

    /** The event for version {@code v}, sealing audit entry {@code v}, after {@code prev}. */
    private static StoredEvent event(long v, String prev, String versionSha256, String payload) {
        String at = "2026-05-01T10:00:0" + v + ".000000Z";
        String content = StoredEvent.canonicalContent("record.written", "7", Long.toString(v), at, "3", payload, versionSha256,
                Long.toString(v), auditHash(v));
        return new StoredEvent(v, "record.written", "7", Long.toString(v), at, "3", payload, prev, HashChain.link(prev, content),
                versionSha256, Long.toString(v), auditHash(v));
    }

    /** A ledger of {@code n} record events, as the writer makes it. */
    private static List<StoredEvent> ledger(int n) {
        List<StoredEvent> events = new ArrayList<>();
        String prev = HashChain.GENESIS;
        for (long v = 1; v <= n; v++) {
            StoredEvent event = event(v, prev, row(v, "3").sha256(), "{\"n\":" + v + "}");
            events.add(event);
            prev = event.hash();
        }
        return events;
    }

    private static final class Store {
        final Map<Long, StoredVersionRow> rows = new HashMap<>();
        final Map<Long, String> audit = new HashMap<>();

        Store(int n) {
            for (long v = 1; v <= n; v++) {
                rows.put(v, row(v, "3"));
                audit.put(v, auditHash(v));
            }
        }
    }

    private static Optional<ChainBreak> walk(List<StoredEvent> events, Store store, LedgerCheck check) {
        for (StoredEvent event : events) {
            Optional<ChainBreak> broken = check.check(event, event.version() == null ? null : store.rows.get(Long.parseLong(event.version())),
                    id -> Optional.ofNullable(store.audit.get(id)));
            if (broken.isPresent()) {
                return broken;
            }
        }
        return check.finish();
    }

    private static LedgerCheck check(LedgerCheck.Expected... digests) {
        return new LedgerCheck(RECORD_EVENTS, List.of(digests));
    }

    private static LedgerCheck.Expected digest(String source, long entries, String head) {
        return new LedgerCheck.Expected(source, KEY.sign(entries, head, Instant.parse("2026-05-01T11:00:00Z")));
    }

    @Test
    void anUntouchedLedgerHoldsEndsAtItsLastHashAndSealsEveryAuditEntry() {
        List<StoredEvent> events = ledger(4);
        LedgerCheck check = check(digest("first", 0, HashChain.GENESIS), digest("second", 2, events.get(1).hash()),
                digest("third", 4, events.get(3).hash()));

        assertEquals(Optional.empty(), walk(events, new Store(4), check));
        assertEquals(4, check.checked());
        assertEquals(events.get(3).hash(), check.head());
        assertEquals(4, check.sealedAuditId());
        assertEquals(4, check.lastEventId());
        assertEquals(3, check.digestsChecked());
    }

    @Test
    void anEditedEventIsNamedByItsIdAndVersion() {
        List<StoredEvent> events = new ArrayList<>(ledger(4));
        StoredEvent e = events.get(2);
        events.set(2, new StoredEvent(e.id(), e.eventType(), e.recordId(), e.version(), e.occurredAt(), "99", e.payload(),
                e.prevHash(), e.hash(), e.versionSha256(), e.auditId(), e.auditHash()));

        assertEquals(Optional.of(new ChainBreak(null, 3L, 7L, 3L, LedgerCheck.CONTENT_CHANGED)), walk(events, new Store(4), check()));
    }

    @Test
    void aDeletedEventBreaksTheLinkOfTheNext() {
        List<StoredEvent> events = new ArrayList<>(ledger(4));
        events.remove(1);

        assertEquals(Optional.of(new ChainBreak(null, 3L, 7L, 3L, LedgerCheck.LINK_BROKEN)), walk(events, new Store(4), check()));
    }

    @Test
    void anEditedOrMissingVersionRowIsNamedByRecordAndVersion() {
        Store edited = new Store(4);
        edited.rows.put(2L, row(2, "99"));
        Store missing = new Store(4);
        missing.rows.remove(4L);

        assertEquals(Optional.of(new ChainBreak(null, 2L, 7L, 2L, "version row does not match what event 2 recorded")),
                walk(ledger(4), edited, check()));
        assertEquals(Optional.of(new ChainBreak(null, 4L, 7L, 4L, "version row is missing (event 4 recorded it)")),
                walk(ledger(4), missing, check()));
    }

    @Test
    void aRecordEventWithoutTheDigestOfItsRowDoesNotHold() {
        List<StoredEvent> events = List.of(event(1, HashChain.GENESIS, null, "{}"));

        assertEquals(Optional.of(new ChainBreak(null, 1L, 7L, 1L, LedgerCheck.NO_VERSION_DIGEST)), walk(events, new Store(1), check()));
    }

    @Test
    void aRewrittenOrMissingAuditEntryIsNamedByTheEventThatSealedIt() {
        Store rewritten = new Store(4);
        rewritten.audit.put(3L, HashChain.sha256Hex("recomputed"));
        Store missing = new Store(4);
        missing.audit.remove(4L);

        assertEquals(Optional.of(new ChainBreak(3L, 3L, 7L, 3L, "audit entry was rewritten: its hash is not the one event 3 sealed")),
                walk(ledger(4), rewritten, check()));
        assertEquals(Optional.of(new ChainBreak(4L, 4L, 7L, 4L, "audit entry is missing (event 4 sealed it)")),
                walk(ledger(4), missing, check()));
    }

    @Test
    void aRecomputedLedgerIsCaughtByTheFirstDigestItNoLongerExtends() {
        List<StoredEvent> original = ledger(4);
        // The forger rewrites version 3 and recomputes everything from there: only the digests know.
        Store store = new Store(4);
        store.rows.put(3L, row(3, "99"));
        List<StoredEvent> forged = new ArrayList<>(original.subList(0, 2));
        String prev = forged.get(1).hash();
        for (long v = 3; v <= 4; v++) {
            StoredEvent event = event(v, prev, store.rows.get(v).sha256(), "{\"n\":" + v + "}");
            forged.add(event);
            prev = event.hash();
        }

        Optional<ChainBreak> broken = walk(forged, store, check(digest("digests.log line 1", 2, original.get(1).hash()),
                digest("digests.log line 2", 4, original.get(3).hash())));

        assertEquals(4L, broken.orElseThrow().eventId());
        assertEquals("chain rewritten: ledger entry 4 (event 4) is not the one digests.log line 2, taken at 2026-05-01T11:00:00.000000Z,"
                + " signed; the change lies in entries 3 to 4 (digests.log line 1, taken at 2026-05-01T11:00:00.000000Z for 2 entries,"
                + " still holds)", broken.get().reason());
        assertEquals(Optional.empty(), walk(forged, store, check()), "without a digest the forgery holds");
    }

    @Test
    void aDigestLongerThanTheLedgerMeansEntriesWereRemoved() {
        List<StoredEvent> events = ledger(4);

        Optional<ChainBreak> broken = walk(events.subList(0, 3), new Store(4), check(digest("the digest given", 4, events.get(3).hash())));

        assertEquals("entries removed: the digest given, taken at 2026-05-01T11:00:00.000000Z, covers 4 ledger entries,"
                + " but the ledger has 3, ending with event 3", broken.orElseThrow().reason());
        assertTrue(walk(List.of(), new Store(0), check(digest("given", 1, events.get(0).hash()))).orElseThrow().reason()
                .startsWith("entries removed: given, taken at 2026-05-01T11:00:00.000000Z, covers 1 ledger entries, but the ledger has 0"));
    }

    @Test
    void anEventThatNamesAnAuditEntryWithoutSealingItDoesNotHold() {
        String at = "2026-05-01T10:00:01.000000Z";
        String content = StoredEvent.canonicalContent("flag.changed", null, null, at, "3", "{}", null, "5", null);
        StoredEvent event = new StoredEvent(1, "flag.changed", null, null, at, "3", "{}", HashChain.GENESIS,
                HashChain.link(HashChain.GENESIS, content), null, "5", null);

        assertEquals("event 1 names audit entry 5 without sealing it; the last one sealed is none",
                walk(List.of(event), new Store(0), check()).orElseThrow().reason());
    }
}
