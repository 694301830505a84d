package io.timetravel.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.ChainBreak;
import io.timetravel.domain.DigestKey;
import io.timetravel.domain.HashChain;
import io.timetravel.domain.Lanes;
import io.timetravel.domain.LedgerCheck;
import io.timetravel.domain.LedgerDigest;
import io.timetravel.storage.DigestLogFile;
import io.timetravel.storage.LaneStores;
import io.timetravel.storage.SqlAuditLog;
import io.timetravel.storage.SqlLedger;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit chain and the ledger kept in lanes, one per writer (docs/decisions/0030), on a real
 * SQLite file written lane after lane: verification walks each lane on its own, names the lane of
 * what broke, and holds each lane to its own signed digests.
 */
class LedgerLanesTest {

    @TempDir
    Path dir;

    private final DigestKey key = DigestKey.generate();
    private Path db;

    /**
     * Three lanes, ids interleaved: lane 0 holds changes 1, 2 and 7, lane 1 changes 3, 4 and 6
     * (its newest is not the database's newest), lane 2 change 5. Each change is one version
     * row, one audit entry and one event.
     */
    @BeforeEach
    void threeLanes() {
        db = dir.resolve("lanes.db");
        LaneStores.write(db, 0, 1, 2);
        LaneStores.write(db, 1, 3, 4);
        LaneStores.write(db, 2, 5);
        LaneStores.write(db, 1, 3);
        LaneStores.write(db, 0, 1);
        assertEquals(List.of("0", "0", "1", "1", "2", "1", "0"), Sql.query(db, "SELECT lane FROM event_logs ORDER BY id").stream()
                .map(row -> row.get(0)).toList());
        assertEquals(List.of("0", "0", "1", "1", "2", "1", "0"), Sql.query(db, "SELECT lane FROM audit_history ORDER BY id").stream()
                .map(row -> row.get(0)).toList());
    }

    private LedgerVerification verify(StoreFixture fixture, List<LedgerCheck.Expected> given) {
        return ledger(fixture).verify(given);
    }

    private LedgerService ledger(StoreFixture fixture) {
        return new LedgerService(new SqlLedger(fixture.store()), DigestLogFile.beside(db), key, Clock.systemUTC());
    }

    private String hash(String table, long id) {
        return Sql.scalar(db, "SELECT hash FROM " + table + " WHERE id = " + id);
    }

    @Test
    void severalLanesVerifyEachOnItsOwnAndTheCountsAreSummed() {
        // Each lane links only its own entries: event 6 follows event 4, across lane 2's event 5.
        assertEquals(hash("event_logs", 4), Sql.scalar(db, "SELECT prev_hash FROM event_logs WHERE id = 6"));
        assertEquals(HashChain.GENESIS, Sql.scalar(db, "SELECT prev_hash FROM event_logs WHERE id = 5"));
        assertEquals(hash("audit_history", 4), Sql.scalar(db, "SELECT prev_hash FROM audit_history WHERE id = 6"));
        try (StoreFixture fixture = StoreFixture.open(db)) {
            LedgerVerification verified = verify(fixture, List.of());

            assertTrue(verified.ok(), () -> String.valueOf(verified.broken()));
            assertEquals(7, verified.auditEntries());
            assertEquals(7, verified.ledgerEntries());
            assertEquals(7, verified.versions());
            assertEquals(List.of(new LedgerVerification.Lane(0, 3, hash("audit_history", 7), 3, hash("event_logs", 7)),
                    new LedgerVerification.Lane(1, 3, hash("audit_history", 6), 3, hash("event_logs", 6)),
                    new LedgerVerification.Lane(2, 1, hash("audit_history", 5), 1, hash("event_logs", 5))), verified.lanes());
            TreeMap<Long, String> ledgerHeads = new TreeMap<>();
            ledgerHeads.put(0L, hash("event_logs", 7));
            ledgerHeads.put(1L, hash("event_logs", 6));
            ledgerHeads.put(2L, hash("event_logs", 5));
            assertEquals(Lanes.joinedHead(ledgerHeads), verified.ledgerHead());
            assertEquals(HashChain.sha256Hex("0 " + hash("event_logs", 7) + "\n1 " + hash("event_logs", 6) + "\n2 "
                    + hash("event_logs", 5) + "\n"), verified.ledgerHead());

            AuditVerification audit = new AuditService(new SqlAuditLog(fixture.store())).verify();
            assertTrue(audit.ok(), () -> String.valueOf(audit.broken()));
            assertEquals(7, audit.entries());
            assertEquals(verified.auditHead(), audit.head());
        }
    }

    @Test
    void anEditedEventOrAuditEntryInLaneOneIsNamedWithItsLane() {
        try (StoreFixture fixture = StoreFixture.open(db)) {
            Sql.update(db, "UPDATE event_logs SET actor = 8 WHERE id = 4");

            LedgerVerification broken = verify(fixture, List.of());

            assertFalse(broken.ok());
            assertEquals(new ChainBreak(null, 4L, 4L, 1L, "lane 1: hash does not match the event's content"), broken.broken());
            assertEquals(7, broken.auditEntries(), "every audit lane was walked first");
            assertEquals(3 + 2, broken.ledgerEntries(), "lane 0, then lane 1 up to the edited event");

            Sql.update(db, "UPDATE audit_history SET reason = 'tidied' WHERE id = 3");
            assertEquals(new ChainBreak(3L, null, 3L, 1L, "lane 1: hash does not match the entry's content"),
                    verify(fixture, List.of()).broken());
            AuditVerification audit = new AuditService(new SqlAuditLog(fixture.store())).verify();
            assertFalse(audit.ok());
            assertEquals("lane 1: hash does not match the entry's content", audit.broken().reason());
            assertEquals(3L, audit.broken().id());
            assertEquals(3 + 1, audit.entries());
        }
    }

    @Test
    void anEventDeletedFromTheMiddleOfLaneOneIsNamedAmongTheOtherLanesIds() {
        try (StoreFixture fixture = StoreFixture.open(db)) {
            // Lane 1 is events 3, 4 and 6; event 5 between is lane 2's and still there.
            Sql.update(db, "DELETE FROM event_logs WHERE id = 4");

            assertEquals(new ChainBreak(null, 4L, 4L, 1L,
                            "lane 1: event 4 is missing (event 6 does not link to event 3); record 4 version 1 is recorded by no event"),
                    verify(fixture, List.of()).broken());
        }
    }

    @Test
    void theNewestChangeOfALaneDeletedIsCaughtByThatLanesDigest() {
        try (StoreFixture fixture = StoreFixture.open(db)) {
            List<LedgerDigest> logged = ledger(fixture).recordDigests();
            assertEquals(List.of(0L, 1L, 2L), logged.stream().map(LedgerDigest::lane).toList());

            // Lane 1's newest change (record 3 version 2: event 6, audit entry 6), not the database's newest (7).
            Sql.update(db, "DELETE FROM event_logs WHERE id = 6");
            Sql.update(db, "DELETE FROM audit_history WHERE id = 6");
            Sql.update(db, "DELETE FROM policyholder_records WHERE record_id = 3 AND version = 2");

            // Without the digest nothing shows: every lane still links, and the highest ids given out are all there.
            LedgerService unlogged = new LedgerService(new SqlLedger(fixture.store()), new DigestLogFile(dir.resolve("none.log")), key,
                    Clock.systemUTC());
            assertTrue(unlogged.verify().ok());

            LedgerVerification broken = ledger(fixture).verify();
            assertFalse(broken.ok());
            assertEquals(new ChainBreak(null, null, null, null, "lane 1: " + LedgerCheck.ENTRIES_REMOVED + "digests.log line 2, taken at "
                    + logged.get(1).at() + ", covers 3 ledger entries, but the ledger has 2, ending with event 4"), broken.broken());
        }
    }

    @Test
    void theDatabasesNewestChangeDeletedIsNamedOnceWhateverItsLane() {
        try (StoreFixture fixture = StoreFixture.open(db)) {
            Sql.update(db, "DELETE FROM event_logs WHERE id = 7");
            Sql.update(db, "DELETE FROM audit_history WHERE id = 7");
            Sql.update(db, "DELETE FROM policyholder_records WHERE record_id = 1 AND version = 2");

            assertEquals(new ChainBreak(null, 7L, null, null, LedgerCheck.ENTRIES_REMOVED
                            + "event ids up to 7 were given out, but the ledger ends with event 6: event 7 was deleted"),
                    verify(fixture, List.of()).broken());
        }
    }

    @Test
    void eachLaneIsSignedAtTheSameInstantAndVerifiedAgainstItsOwnWalk() throws Exception {
        try (StoreFixture fixture = StoreFixture.open(db)) {
            LedgerService ledger = ledger(fixture);
            assertThrows(IllegalStateException.class, ledger::digest, "one digest cannot stand for three lanes");

            List<LedgerDigest> digests = ledger.recordDigests();

            assertEquals(3, digests.size());
            assertEquals(List.of(3L, 3L, 1L), digests.stream().map(LedgerDigest::entries).toList());
            assertEquals(List.of(hash("event_logs", 7), hash("event_logs", 6), hash("event_logs", 5)),
                    digests.stream().map(LedgerDigest::head).toList());
            assertEquals(1, digests.stream().map(LedgerDigest::at).distinct().count());
            assertTrue(digests.get(0).toJson().startsWith("{\"entries\":3,\"head\":"), digests.get(0).toJson());
            assertTrue(digests.get(1).toJson().startsWith("{\"lane\":1,\"entries\":3,\"head\":"), digests.get(1).toJson());
            assertEquals(digests.stream().map(LedgerDigest::toJson).toList(), Files.readAllLines(DigestLogFile.beside(db).file()));

            LedgerVerification verified = ledger.verify(List.of(new LedgerCheck.Expected("kept", digests.get(2))));
            assertTrue(verified.ok(), () -> String.valueOf(verified.broken()));
            assertEquals(4, verified.digestsChecked());
            assertEquals(digests.get(0).at(), verified.latestDigestAt());

            // Lane 1's first entry, signed by the right key but as lane 2's: lane 2's own walk refuses it.
            LedgerDigest misplaced = key.sign(2, 1, hash("event_logs", 3), Instant.now());
            assertEquals(new ChainBreak(null, 5L, 5L, 1L, "lane 2: " + LedgerCheck.CHAIN_REWRITTEN + "ledger entry 1 (event 5) is not the one"
                            + " kept, taken at " + misplaced.at() + ", signed; the change lies in entries 1 to 1"),
                    ledger.verify(List.of(new LedgerCheck.Expected("kept", misplaced))).broken());

            // A lane the database does not have: its digest says it had entries.
            LedgerDigest vanished = key.sign(3, 2, hash("event_logs", 3), Instant.now());
            assertEquals("lane 3: " + LedgerCheck.ENTRIES_REMOVED + "kept, taken at " + vanished.at()
                            + ", covers 2 ledger entries, but the ledger has 0",
                    ledger.verify(List.of(new LedgerCheck.Expected("kept", vanished))).broken().reason());
        }
    }

    @Test
    void aLaneDigestMovedToAnotherLaneOrAlteredFailsItsSignature() {
        try (StoreFixture fixture = StoreFixture.open(db)) {
            LedgerService ledger = ledger(fixture);
            LedgerDigest lane1 = ledger.digests().get(1);
            for (String forged : List.of(lane1.toJson().replace("\"lane\":1,", "\"lane\":2,"),
                    lane1.toJson().replace("\"lane\":1,", ""),
                    lane1.toJson().replace("\"entries\":3,", "\"entries\":2,"))) {
                LedgerVerification result = ledger.verify(List.of(new LedgerCheck.Expected("kept", LedgerDigest.parse(forged))));
                assertFalse(result.ok(), forged);
                assertTrue(result.broken().reason().startsWith("signature invalid: the signature does not match the digest's "),
                        result.broken().reason());
                assertTrue(result.broken().reason().endsWith("(kept)"), result.broken().reason());
            }
        }
    }
}
