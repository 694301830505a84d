package io.timetravel.storage;

import static io.timetravel.testing.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.AuditChainCheck;
import io.timetravel.service.AuditVerification;
import io.timetravel.service.FlagChange;
import io.timetravel.service.FlagService;
import io.timetravel.service.LedgerVerification;
import io.timetravel.service.RestoreCommand;
import io.timetravel.service.WriteCommand;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.ServicesFixture;
import io.timetravel.testing.Sql;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On SQLite a record write keeps its audit entry and event in its version's row, and the views
 * audit_history and event_logs read them back with every column as it was (db/migration/V12,
 * docs/decisions/0044). Changes made by hand touch the entry they name alone, as in the tables of
 * old; the ledger verifies either way.
 */
class EntriesInVersionRowsTest {

    @TempDir
    Path dir;

    @Test
    void recordWritesOfEveryKindKeepTheirEntriesInTheirVersionRowsAndVerify() {
        MutableClock clock = MutableClock.at("2026-05-01T10:00:00Z");
        Path folder = dir.resolve("kinds");
        try (ServicesFixture app = ServicesFixture.open(DbTarget.sqlite(folder.resolve("t.db")), folder, clock)) {
            app.records().write(new WriteCommand(1, json("{\"premium\":100,\"name\":\"Ada\"}"), null, null, 7, null, "test", null,
                    true)).join();
            clock.advance(Duration.ofMinutes(1));
            app.records().write(new WriteCommand(1, json("{\"premium\":120}"), Instant.parse("2026-04-01T00:00:00Z"),
                    Instant.parse("2026-12-01T00:00:00Z"), 8, "back-dated", "test", null, false)).join();
            clock.advance(Duration.ofMinutes(1));
            // Every field sent, one changed: the applied patch is the state, the audit's new value the patch.
            app.records().write(new WriteCommand(1, json("{\"premium\":130,\"name\":\"Ada\"}"), null, null, 7, null, "test", null,
                    false)).join();
            clock.advance(Duration.ofMinutes(1));
            app.records().restore(new RestoreCommand(1, 1L, null, null, 9, "undo", "test")).join();
            app.flags().update(FlagService.AUDIT_LOGGING, new FlagChange(false, null, null, null, "quiet"), 3).join();
            clock.advance(Duration.ofMinutes(1));
            app.records().write(new WriteCommand(2, json("{\"premium\":5}"), null, null, 7, null, "test", null, false)).join();
            Path db = folder.resolve("t.db");

            assertEquals(5, Sql.count(db, "SELECT count(*) FROM version_rows WHERE event_id IS NOT NULL AND entries_shown != 0"),
                    () -> Sql.query(db, "SELECT record_id, version, event_id, entries_shown FROM version_rows") + " "
                            + Sql.query(db, "SELECT * FROM event_rows") + Sql.query(db, "SELECT * FROM audit_rows"));
            assertEquals(List.of(List.of("1", "1", "CREATE"), List.of("1", "2", "UPDATE"), List.of("1", "3", "UPDATE"),
                    List.of("1", "4", "RESTORE")),
                    Sql.query(db, "SELECT record_id, version, event_type FROM audit_history WHERE record_id IS NOT NULL ORDER BY id"));
            assertEquals(0, Sql.count(db, "SELECT count(*) FROM audit_rows WHERE record_id IS NOT NULL"));
            // The flag's change has rows of its own; the record events none.
            assertEquals(List.of(List.of("flag.changed")), Sql.query(db, "SELECT event_type FROM event_rows"));
            assertEquals(List.of(List.of("record.written", "1", "1"), List.of("record.written", "1", "2"),
                    List.of("record.written", "1", "3"), List.of("record.restored", "1", "4"), List.of("flag.changed", "", ""),
                    List.of("record.written", "2", "1")),
                    Sql.query(db, "SELECT event_type, coalesce(record_id, ''), coalesce(version, '') FROM event_logs ORDER BY id"));
            assertEquals(List.of(List.of("2026-04-01T00:00:00.000000Z", "back-dated", "8")),
                    Sql.query(db, "SELECT p.effective_at, a.reason, a.actor FROM audit_history a JOIN policyholder_records p"
                            + " ON p.record_id = a.record_id AND p.version = a.version WHERE a.version = 2 AND a.record_id = 1"));
            assertEquals(List.of(List.of("2", "{\"actor_verified\":true,\"source\":\"test\"}"),
                    List.of("12", "{\"actor_verified\":false,\"source\":\"test\"}")),
                    Sql.query(db, "SELECT v.derived_more, p.metadata FROM version_rows v JOIN policyholder_records p"
                            + " ON p.record_id = v.record_id AND p.version = v.version WHERE v.record_id = 1 AND v.version IN (1, 3)"
                            + " ORDER BY v.version"), "V14 keeps the source alone, and the new value once");
            assertEquals(List.of(List.of("{\"name\":\"Ada\",\"premium\":130}", "{\"premium\":130}", "{\"premium\":130}",
                    "{\"premium\":100}")),
                    Sql.query(db, "SELECT p.applied_patch, p.patch, a.new_value, a.old_value FROM audit_history a"
                            + " JOIN policyholder_records p ON p.record_id = a.record_id AND p.version = a.version"
                            + " WHERE a.record_id = 1 AND a.version = 3"));
            LedgerVerification verified = app.ledger().verify();
            assertTrue(verified.ok(), () -> "does not verify: " + verified.broken());
            assertEquals(5, verified.versions());
        }
    }

    @Test
    void aCheckpointOfTheWholeStateSentKeepsItOnce() {
        MutableClock clock = MutableClock.at("2026-05-01T10:00:00Z");
        Path folder = dir.resolve("whole");
        try (ServicesFixture app = ServicesFixture.open(DbTarget.sqlite(folder.resolve("t.db")), folder, clock)) {
            for (int premium = 5; premium <= 7; premium++) {
                app.records().write(new WriteCommand(2, json("{\"premium\":" + premium + ",\"name\":\"B\"}"), null, null, 7, null,
                        "desk-top.1", null, true)).join();
                clock.advance(Duration.ofMinutes(1));
            }
            Path db = folder.resolve("t.db");

            // Version 3's patches since the checkpoint outweigh the state: a checkpoint whose state is what was sent.
            assertEquals(List.of(List.of("3", "desk-top.1", "", "11")),
                    Sql.query(db, "SELECT checkpoint_version, metadata, applied_patch, derived_more FROM version_rows WHERE version = 3"));
            assertEquals(List.of(List.of("{\"name\":\"B\",\"premium\":7}", "{\"name\":\"B\",\"premium\":7}",
                    "{\"actor_verified\":true,\"source\":\"desk-top.1\"}", "{\"premium\":7}", "{\"premium\":6}")),
                    Sql.query(db, "SELECT p.data, p.applied_patch, p.metadata, a.new_value, a.old_value FROM policyholder_records p"
                            + " JOIN audit_history a ON a.record_id = p.record_id AND a.version = p.version WHERE p.version = 3"));
            LedgerVerification verified = app.ledger().verify();
            assertTrue(verified.ok(), () -> "does not verify: " + verified.broken());
        }
    }

    @Test
    void anEntryChangedByHandMovesToARowOfItsOwnAndVerifyNamesIt() {
        MutableClock clock = MutableClock.at("2026-05-01T10:00:00Z");
        Path folder = dir.resolve("tamper");
        try (ServicesFixture app = ServicesFixture.open(DbTarget.sqlite(folder.resolve("t.db")), folder, clock)) {
            for (int i = 1; i <= 3; i++) {
                app.records().write(new WriteCommand(1, json("{\"premium\":" + i + "}"), null, null, 7, "r" + i, "test", null, false))
                        .join();
                clock.advance(Duration.ofMinutes(1));
            }
            Path db = folder.resolve("t.db");
            String row = "SELECT id, record_id, version, event_type, changed_at, actor, new_value, reason, hash FROM audit_history"
                    + " WHERE id = 2";
            List<List<String>> before = Sql.query(db, row);

            Sql.update(db, "UPDATE audit_history SET reason = 'tidied' WHERE id = 2");

            List<List<String>> after = Sql.query(db, row);
            assertEquals(1, after.size(), "one entry 2, not two");
            assertEquals("tidied", after.get(0).get(7));
            assertEquals(before.get(0).subList(0, 7), after.get(0).subList(0, 7), "every other column as it was");
            assertEquals(List.of(List.of("2", "tidied")), Sql.query(db, "SELECT id, reason FROM audit_rows"));
            assertEquals(List.of(List.of("r2")), Sql.query(db, "SELECT reason FROM policyholder_records WHERE version = 2"),
                    "the version itself is untouched");
            LedgerVerification verified = app.ledger().verify();
            assertFalse(verified.ok());
            assertEquals(2L, verified.broken().version());
        }
    }

    @Test
    void anEntryReadsTheHashBeforeItFromTheEntryBeforeAndABreakShowsAsBefore() {
        MutableClock clock = MutableClock.at("2026-05-01T10:00:00Z");
        Path folder = dir.resolve("gone");
        try (ServicesFixture app = ServicesFixture.open(DbTarget.sqlite(folder.resolve("t.db")), folder, clock)) {
            for (int i = 1; i <= 4; i++) {
                app.records().write(new WriteCommand(1, json("{\"premium\":" + i + "}"), null, null, 7, "r" + i, "test", null, false))
                        .join();
                clock.advance(Duration.ofMinutes(1));
            }
            Path db = folder.resolve("t.db");
            assertEquals(List.of(List.of("1", "32", "32"), List.of("2", "4", "4"), List.of("3", "4", "4"), List.of("4", "4", "4")),
                    Sql.query(db, "SELECT audit_id, length(audit_prev_hash), length(event_prev_hash) FROM version_rows ORDER BY audit_id"),
                    "each entry after the first keeps four bytes of the hash before it");
            assertEquals(0, Sql.count(db, "SELECT count(*) FROM audit_history a JOIN audit_history b ON b.id = a.id - 1"
                    + " WHERE a.prev_hash IS NOT b.hash"));
            assertEquals(0, Sql.count(db, "SELECT count(*) FROM event_logs a JOIN event_logs b ON b.id = a.id - 1"
                    + " WHERE a.prev_hash IS NOT b.hash"));
            assertTrue(app.ledger().verify().ok());
            String secondHash = Sql.scalar(db, "SELECT hash FROM audit_history WHERE id = 2");

            Sql.update(db, "DELETE FROM event_logs WHERE id = 3");
            assertEquals(8, Sql.scalar(db, "SELECT prev_hash FROM event_logs WHERE id = 4").length(), "the four bytes alone");
            LedgerVerification verified = app.ledger().verify();
            assertFalse(verified.ok());
            assertTrue(verified.broken().reason().startsWith("event 3 is missing"), verified.broken().reason());

            // Audit entry 2 rewritten with a new hash: entry 3 still names the old one, by its first bytes.
            Sql.update(db, "UPDATE audit_history SET hash = '" + "ab".repeat(32) + "' WHERE id = 2");
            assertEquals(List.of(List.of(secondHash.substring(0, 8))), Sql.query(db, "SELECT prev_hash FROM audit_history WHERE id = 3"));
            AuditVerification audit = app.audit().verify();
            assertFalse(audit.ok());
            assertEquals(2L, audit.broken().id());
            assertEquals(AuditChainCheck.CONTENT_CHANGED, audit.broken().reason());

            Sql.update(db, "UPDATE audit_history SET hash = '" + secondHash + "' WHERE id = 2");
            assertTrue(app.audit().verify().ok(), "entry 2 is as it was, and entry 3 finds it again");
        }
    }

    @Test
    void aVersionRowChangedOrDeletedByHandKeepsItsEntriesAsTheyWere() {
        MutableClock clock = MutableClock.at("2026-05-01T10:00:00Z");
        Path folder = dir.resolve("version");
        try (ServicesFixture app = ServicesFixture.open(DbTarget.sqlite(folder.resolve("t.db")), folder, clock)) {
            for (int i = 1; i <= 3; i++) {
                app.records().write(new WriteCommand(1, json("{\"premium\":" + i + "}"), null, null, 7, null, "test", null, false))
                        .join();
                clock.advance(Duration.ofMinutes(1));
            }
            Path db = folder.resolve("t.db");
            String entries = "SELECT a.id, a.actor, a.hash, e.id, e.actor, e.hash FROM audit_history a JOIN event_logs e"
                    + " ON e.audit_id = a.id WHERE a.version = ";
            List<List<String>> second = Sql.query(db, entries + 2);
            List<List<String>> third = Sql.query(db, entries + 3);

            Sql.update(db, "UPDATE policyholder_records SET actor = 9 WHERE record_id = 1 AND version = 2");
            Sql.update(db, "DELETE FROM policyholder_records WHERE record_id = 1 AND version = 3");

            assertEquals(second, Sql.query(db, entries + 2), "the audit entry and event still say actor 7");
            assertEquals(third, Sql.query(db, entries + 3), "the deleted version's entries remain");
            assertEquals(List.of(List.of("2"), List.of("3")), Sql.query(db, "SELECT version FROM audit_rows ORDER BY id"));
            assertEquals(3, Sql.count(db, "SELECT count(*) FROM audit_history"));
            assertEquals(3, Sql.count(db, "SELECT count(*) FROM event_logs"));
            assertFalse(app.ledger().verify().ok());
        }
    }

    /** The writer's statements on a connection to a new database of {@code app}'s. */
    private interface WithStatements {
        void run(ServicesFixture app, WriteStatements statements) throws Exception;
    }

    private void withStatements(String name, WithStatements body) throws Exception {
        Path folder = dir.resolve(name);
        try (ServicesFixture app = ServicesFixture.open(DbTarget.sqlite(folder.resolve("t.db")), folder,
                MutableClock.at("2026-05-01T10:00:00Z"));
             Connection connection = app.database().connect();
             WriteStatements statements = new WriteStatements(connection, false)) {
            body.run(app, statements);
        }
    }

    @Test
    void entriesTheViewsWouldNotReadBackAreRowsOfTheirOwnWithTheIdsTheyTook() throws Exception {
        withStatements("apart", (app, statements) -> {
            String at = "2026-05-01T10:00:00.000000Z";
            Sql.update(app.database().file(), "INSERT INTO policyholders (id, created_at, created_by, latest_version, updated_at,"
                    + " updated_by) VALUES (5, '" + at + "', 7, 1, '" + at + "', 7)");
            VersionRowInserts rows = new VersionRowInserts(statements);
            VersionEntries.VersionRow row = new VersionEntries.VersionRow(5, 1, "{\"a\":1}", "{\"a\":1}", 1, at, null, at, at, 7,
                    "CREATE", "why", "{}", "{\"a\":1}");
            rows.version(row, row.stored().sha256());
            // An audit entry whose reason is not its version's: the view would read the version's.
            long auditId = rows.audit(new VersionEntries.AuditRow(5L, 1L, "CREATE", at, 7, null, "{\"a\":1}", "another", "0".repeat(64),
                    "1".repeat(64), 0L, 0, 0));
            long eventId = rows.event(new VersionEntries.EventRow("record.written", 5L, 1L, at, 7L, "{}", "0".repeat(64),
                    "2".repeat(64), "3".repeat(64), auditId, "1".repeat(64), 0, 0), null);
            rows.finish();
            Path db = app.database().file();

            assertEquals(List.of(List.of(Long.toString(auditId), "another")), Sql.query(db, "SELECT id, reason FROM audit_rows"));
            assertEquals(List.of(List.of(Long.toString(eventId), Long.toString(auditId))),
                    Sql.query(db, "SELECT id, audit_id FROM event_rows"));
            assertEquals(List.of(List.of("", "0")), Sql.query(db, "SELECT coalesce(event_id, ''), entries_shown FROM version_rows"));
            assertEquals(List.of(List.of(Long.toString(auditId))), Sql.query(db, "SELECT seq FROM sqlite_sequence WHERE name = 'audit_rows'"));
            assertEquals(List.of(List.of(Long.toString(eventId))), Sql.query(db, "SELECT seq FROM sqlite_sequence WHERE name = 'event_rows'"));
        });
    }

    @Test
    void theWritersHeadsAndTheLedgersReadsMergeBothTablesInIdOrderWithoutSorting() throws Exception {
        withStatements("plans", (app, statements) -> {
            for (Prepared head : List.of(statements.auditHead, statements.ledgerHead)) {
                String plan = Sql.query(app.database().file(), "EXPLAIN QUERY PLAN " + head.sql().replace("?", "0")).toString();

                assertTrue(plan.contains("MERGE (UNION ALL)"), plan);
                assertFalse(plan.contains("TEMP B-TREE"), plan);
                assertFalse(plan.contains("SCAN policyholder_records"), plan);
            }
        });
    }
}
