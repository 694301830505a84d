package io.timetravel.service;

import static io.timetravel.testing.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.ChainBreak;
import io.timetravel.domain.DigestKey;
import io.timetravel.domain.HashChain;
import io.timetravel.domain.LedgerCheck;
import io.timetravel.domain.LedgerDigest;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.storage.DigestLogFile;
import io.timetravel.storage.SqlLedger;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger on a real store: the writer chains every event (audit logging on or off, units that
 * fail leave no trace in it), and verification walks it page by page against its digests.
 */
class LedgerServiceTest {

    @TempDir
    Path dir;

    private final DigestKey key = DigestKey.generate();

    private LedgerService ledger(StoreFixture fixture) {
        return new LedgerService(new SqlLedger(fixture.store()), DigestLogFile.beside(fixture.database().file()), key,
                Clock.systemUTC());
    }

    /** {@code count} changes to 50 records, written concurrently so that they share commits. */
    private static void writeMany(RecordService records, int count) {
        List<CompletableFuture<WriteOutcome>> writes = new ArrayList<>();
        long salt = System.nanoTime();
        for (int i = 1; i <= count; i++) {
            writes.add(records.write(new WriteCommand(1 + i % 50, json("{\"n\":" + i + ",\"salt\":" + salt + "}"), null, 7, null,
                    "test", null)));
        }
        writes.forEach(CompletableFuture::join);
    }

    @Test
    void theWriterChainsEveryEventAndSealsEachAuditEntryInTheSameUnit() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("a.db"))) {
            writeMany(fixture.records(), 5);
            Path db = fixture.database().file();

            List<List<String>> events = Sql.query(db, "SELECT id, prev_hash, hash, version_sha256, audit_id, audit_hash FROM event_logs ORDER BY id");
            assertEquals(5, events.size());
            String previous = HashChain.GENESIS;
            for (List<String> event : events) {
                assertEquals(previous, event.get(1), "each event names its predecessor's hash");
                // A record event commits to its version row by a digest computed from the row (decision 0048).
                assertNull(event.get(3), "the version row's digest is not stored again");
                assertEquals(event.get(0), event.get(4), "and seals the audit entry its unit wrote");
                assertEquals(Sql.scalar(db, "SELECT hash FROM audit_history WHERE id = " + event.get(4)), event.get(5));
                previous = event.get(2);
            }
            LedgerVerification verified = ledger(fixture).verify();
            assertTrue(verified.ok(), () -> String.valueOf(verified.broken()));
            assertEquals(5, verified.ledgerEntries());
            assertEquals(previous, verified.ledgerHead());
            assertEquals(5, verified.auditEntries());
            assertEquals(5, verified.versions());
        }
    }

    @Test
    void verificationWalksALedgerLongerThanOnePageAndNamesAnEditedVersionDeepInIt() {
        int count = LedgerService.PAGE + 500;
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("a.db"))) {
            writeMany(fixture.records(), count);
            LedgerService ledger = ledger(fixture);
            assertTrue(ledger.verify().ok());

            List<String> target = Sql.query(fixture.database().file(),
                    "SELECT id, record_id, version FROM event_logs WHERE id = 1234").get(0);
            Sql.update(fixture.database().file(), "UPDATE policyholder_records SET applied_patch = '{\"n\":0}' WHERE record_id = "
                    + target.get(1) + " AND version = " + target.get(2));

            LedgerVerification broken = ledger.verify();
            assertFalse(broken.ok());
            assertEquals(new ChainBreak(null, 1234L, Long.parseLong(target.get(1)), Long.parseLong(target.get(2)),
                    "version row does not match what event 1234 recorded"), broken.broken());
            assertEquals(1234, broken.ledgerEntries());
        }
    }

    @Test
    void withAuditLoggingOffEveryVersionIsStillCommittedToAndNoneIsSealed() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("a.db"))) {
            RecordService unaudited = new RecordService(fixture.store(), (actor, region) -> false, Clock.systemUTC());
            writeMany(unaudited, 6);
            Path db = fixture.database().file();
            assertEquals(0, Sql.count(db, "SELECT count(*) FROM audit_history"));
            assertEquals(0, Sql.count(db, "SELECT count(*) FROM event_logs WHERE audit_id IS NOT NULL"));
            assertTrue(ledger(fixture).verify().ok());

            Sql.update(db, "UPDATE policyholder_records SET actor = 8 WHERE record_id = 3 AND version = 1");

            long event = Sql.count(db, "SELECT id FROM event_logs WHERE record_id = 3 AND version = 1");
            assertEquals(new ChainBreak(null, event, 3L, 1L, "version row does not match what event " + event + " recorded"),
                    ledger(fixture).verify().broken());
        }
    }

    @Test
    void aUnitThatFailsAfterAppendingLeavesTheLedgerAsIfItHadNeverRun() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("a.db"))) {
            List<CompletableFuture<?>> batch = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                batch.add(fixture.records().write(new WriteCommand(1 + i % 3, json("{\"n\":" + i + "}"), null, 7, null, "test", null)));
                // Appends an audit entry and an event, then fails: its savepoint is rolled back, and so must the heads be.
                batch.add(fixture.store().write(session -> {
                    session.appendAudit(new AuditWrites.AuditDraft(null, null, "FLAG_UPDATE", session.recordedAt(), 7, null, "{}", null));
                    session.appendEvent(new EventWrites.EventDraft("flag.changed", null, null, session.recordedAt(), 7L,
                            JsonObject.empty()));
                    throw new IllegalStateException("changed its mind");
                }));
            }
            for (CompletableFuture<?> write : batch) {
                try {
                    write.join();
                } catch (CompletionException e) {
                    assertEquals("changed its mind", e.getCause().getMessage());
                }
            }

            LedgerVerification verified = ledger(fixture).verify();
            assertTrue(verified.ok(), () -> String.valueOf(verified.broken()));
            assertEquals(20, verified.ledgerEntries());
            assertEquals(20, verified.auditEntries());
        }
    }

    @Test
    void recordedDigestsGoToTheLogAndHoldTheLedgerToWhatTheySigned() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("a.db"))) {
            LedgerService ledger = ledger(fixture);
            LedgerDigest empty = ledger.record();
            writeMany(fixture.records(), 3);
            LedgerDigest three = ledger.record();

            assertEquals(0, empty.entries());
            assertEquals(HashChain.GENESIS, empty.head());
            assertEquals(3, three.entries());
            assertEquals(List.of(empty.toJson(), three.toJson()), DigestLogFile.beside(fixture.database().file()).lines());
            LedgerVerification verified = ledger.verify(List.of(new LedgerCheck.Expected("kept", three)));
            assertTrue(verified.ok(), () -> String.valueOf(verified.broken()));
            assertEquals(3, verified.digestsChecked());
            assertEquals(three.at(), verified.latestDigestAt());
        }
    }

    @Test
    void withoutAKeyNoDigestCanBeSignedAndAnyToCheckFails() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("a.db"))) {
            LedgerService signer = ledger(fixture);
            LedgerDigest kept = signer.digest();
            LedgerService keyless = new LedgerService(new SqlLedger(fixture.store()),
                    DigestLogFile.beside(fixture.database().file()), null, Clock.systemUTC());

            assertThrows(IllegalStateException.class, keyless::digest);
            assertTrue(keyless.verify().ok(), "nothing logged, nothing to check a signature of");
            ChainBreak broken = keyless.verify(List.of(new LedgerCheck.Expected("kept", kept))).broken();
            assertEquals("signature not checked: there is no signing key to check it with (kept)", broken.reason());
            assertNull(broken.eventId());
        }
    }
}
