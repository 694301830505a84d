package io.timetravel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.EventLogEntry;
import io.timetravel.domain.HashChain;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.domain.json.JsonWriter;
import io.timetravel.service.AuditQuery;
import io.timetravel.service.LedgerVerification;
import io.timetravel.service.WriteCommand;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.ServicesFixture;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database written by the release of schema 8 (src/test/resources/fixtures/schema-8) opens
 * with this build, migrating it if this build's schema is newer, and reads as that release read
 * it: every version of every record, the flags, the user and token, the policy, the snapshot,
 * every row, and the audit chain and ledger with the same heads. So does the database of schema 15
 * (fixtures/schema-15), the last release whose events kept in version rows stored their rows'
 * digests and their states' hashes (docs/decisions/0048).
 */
class SchemaUpgradeTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void writeTheFixtureIfMissing() throws Exception {
        // Only for the release that makes it; see the README beside it.
        if (!Files.exists(SchemaFixture.SCHEMA_8.resolve(SchemaFixture.DATABASE))) {
            SchemaFixture.write(SchemaFixture.SCHEMA_8);
        }
    }

    @Test
    void theFixtureIsTheSchemaItIsNamedAfter() throws Exception {
        Properties expected = SchemaFixture.read(SchemaFixture.SCHEMA_8);

        assertEquals("8", expected.getProperty("schema"));
        // Read on a copy: the committed file is never opened by a test.
        Path copied = copy(SchemaFixture.SCHEMA_8, dir.resolve("read")).resolve(SchemaFixture.DATABASE);
        assertEquals(8, Sql.count(copied, "SELECT max(CAST(version AS INTEGER)) FROM schema_migrations WHERE success = 1"));
        assertTrue(Files.size(SchemaFixture.SCHEMA_8.resolve(SchemaFixture.DATABASE)) < 512 * 1024, "the fixture stays small");
    }

    @Test
    void aDatabaseOfSchema8OpensWithEveryVersionAuditEntryAndHashAsItWas() throws Exception {
        // A later schema may add tables and seed flags (V10: new_risk_engine, at 10%).
        // Schema 9 added the snapshots' attempts, 0 for the rows from before.
        opensAsItWas(SchemaFixture.SCHEMA_8, dir.resolve("upgraded"), 1, 0);
    }

    @Test
    void aDatabaseOfSchema15OpensWithEveryVersionAuditEntryAndHashAsItWas() throws Exception {
        Properties expected = SchemaFixture.read(SchemaFixture.SCHEMA_15);
        assertEquals("15", expected.getProperty("schema"));
        assertTrue(Files.size(SchemaFixture.SCHEMA_15.resolve(SchemaFixture.DATABASE)) < 512 * 1024, "the fixture stays small");

        opensAsItWas(SchemaFixture.SCHEMA_15, dir.resolve("upgraded15"), 0, 1);
    }

    /**
     * Copies {@code fixture} to {@code folder} and opens it with this build: every table and every
     * value the fixture recorded reads the same, with {@code flagsSeeded} more flags; its snapshot
     * completed in {@code snapshotAttempts}.
     */
    private static void opensAsItWas(Path fixture, Path folder, int flagsSeeded, int snapshotAttempts) throws Exception {
        Path db = copy(fixture, folder).resolve(SchemaFixture.DATABASE);
        Properties expected = SchemaFixture.read(fixture);

        // The migration alone (if any) keeps every row; the services may then add their own (a token's use).
        Database.open(db).close();
        Map<String, String> observed = new TreeMap<>(SchemaFixture.rowCounts(db));
        try (ServicesFixture app = ServicesFixture.open(DbTarget.sqlite(db), folder, MutableClock.at("2026-06-01T00:00:00Z"))) {
            LedgerVerification verified = app.ledger().verify();
            assertTrue(verified.ok(), () -> "does not verify: " + verified.broken());
            observed.putAll(SchemaFixture.observed(app, verified, Instant.parse(expected.getProperty("record.2.knownBefore"))));
            assertTrue(app.access().authenticate(expected.getProperty("token.5")).isPresent(), "the token still stands for its user");
        }

        assertEquals(Database.SCHEMA_VERSION, Sql.count(db, "SELECT max(CAST(version AS INTEGER)) FROM schema_migrations WHERE success = 1"));
        Map<String, String> wanted = new TreeMap<>();
        expected.stringPropertyNames().stream().filter(key -> !key.equals("schema") && !key.equals("token.5")
                && !key.equals("record.2.knownBefore") && !key.equals("snapshot.id")).forEach(key -> wanted.put(key, expected.getProperty(key)));
        assertEquals(List.of(List.of("1", "10")), Sql.query(db,
                "SELECT enabled, rollout_percentage FROM feature_flags WHERE flag_key = 'new_risk_engine'"));
        wanted.put("rows.feature_flags", Long.toString(Long.parseLong(wanted.get("rows.feature_flags")) + flagsSeeded));
        Map<String, String> compared = new TreeMap<>(observed);
        compared.keySet().retainAll(wanted.keySet());
        assertEquals(wanted, compared);
        assertEquals(List.of(List.of("completed", Integer.toString(snapshotAttempts))),
                Sql.query(db, "SELECT status, attempts FROM snapshots WHERE id = " + expected.getProperty("snapshot.id")));
    }

    @Test
    void versionsOfSchema15KeepTheirStoredDigestsAndLaterOnesComputeThemAndTheLedgerRunsOnAcrossBoth() throws Exception {
        // Until V16 an event kept in its version row stored the row's digest and the state's hash;
        // from V16 on it stores neither (decision 0048). Both kinds verify side by side.
        Path folder = copy(SchemaFixture.SCHEMA_15, dir.resolve("digests"));
        Path db = folder.resolve(SchemaFixture.DATABASE);
        MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");
        try (ServicesFixture app = ServicesFixture.open(DbTarget.sqlite(db), folder, clock)) {
            for (long id : SchemaFixture.RECORDS) {
                clock.advance(Duration.ofMinutes(1));
                app.records().write(new WriteCommand(id, StoreFixture.json("{\"premium\":" + id + "}"), null,
                        null, 7, "after the upgrade", "test", null, false)).join();
            }
            assertEquals(List.of(List.of("7", "7", "3")), Sql.query(db, "SELECT count(event_version_sha256), count(event_state_sha256),"
                    + " count(*) - count(event_version_sha256) FROM version_rows WHERE (entries_shown & 2) = 2"));
            LedgerVerification verified = app.ledger().verify();
            assertTrue(verified.ok(), () -> "does not verify: " + verified.broken());
            assertEquals(10, verified.versions());
            // The events show every state's hash, stored before the upgrade and computed after it.
            int recordEvents = 0;
            for (EventLogEntry event : app.events().after(0, 100)) {
                if (event.eventType().startsWith("record.")) {
                    String state = app.store().findVersion(event.recordId(), event.version()).orElseThrow().data().toJson();
                    assertEquals(HashChain.sha256Hex(state), event.payload().getString("state_sha256").orElseThrow(),
                            () -> "event " + event.id());
                    recordEvents++;
                }
            }
            assertEquals(10, recordEvents);
            // Reads by time find entries of both kinds.
            assertEquals(Sql.count(db, "SELECT count(*) FROM audit_history WHERE changed_at >= '2026-03-01T09:00:00.000000Z'"),
                    app.audit().count(new AuditQuery(null, null, null, Instant.parse("2026-03-01T09:00:00Z"),
                            null, 100, 0)));

            // An old version changed by hand is named as it always was: its event stored what it recorded.
            Sql.update(db, "UPDATE policyholder_records SET valid_to = '2030-01-01T00:00:00.000000Z' WHERE record_id = 3 AND version = 1");
            LedgerVerification broken = app.ledger().verify();
            assertFalse(broken.ok());
            assertTrue(broken.broken().reason().startsWith("version row does not match what event "), broken.broken().reason());
            assertEquals(0, Sql.count(db, "SELECT count(*) FROM version_rows_as_written"), "its digest was stored: nothing to keep");
        }
    }

    @Test
    void everyJsonTextTheOldReleaseStoredIsWrittenBackToTheSameCharacters() throws Exception {
        // The hashes of the audit chain and the ledger were taken over canonical text written by the
        // hand-written writer of that release; Jackson now parses and writes it (issue 15). Every
        // stored JSON text must come back character for character, or a hash would change.
        Path db = copy(SchemaFixture.SCHEMA_8, dir.resolve("json")).resolve(SchemaFixture.DATABASE);
        int compared = 0;
        for (String column : List.of("policyholder_records.data", "policyholder_records.patch",
                "policyholder_records.applied_patch", "audit_history.old_value", "audit_history.new_value",
                "event_logs.payload")) {
            String[] parts = column.split("\\.");
            for (List<String> row : Sql.query(db, "SELECT " + parts[1] + " FROM " + parts[0] + " WHERE " + parts[1] + " IS NOT NULL")) {
                String stored = row.get(0);
                assertEquals(stored, JsonWriter.write(JsonParser.parse(stored)), column);
                compared++;
            }
        }
        assertTrue(compared >= 40, "the fixture holds JSON texts to compare: " + compared);
    }

    @Test
    void theUpgradeDropsOnlyTheTwoUnreadUniqueKeys() throws Exception {
        Path db = copy(SchemaFixture.SCHEMA_8, dir.resolve("keys")).resolve(SchemaFixture.DATABASE);
        String indexes = "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('audit_history',"
                + " 'policyholder_records') ORDER BY name";
        assertEquals(List.of(List.of("audit_history_actor"), List.of("audit_history_changed_at"), List.of("audit_history_record"),
                List.of("sqlite_autoindex_audit_history_1"), List.of("sqlite_autoindex_policyholder_records_1"),
                List.of("sqlite_autoindex_policyholder_records_2")), Sql.query(db, indexes));

        Database.open(db).close();

        // Left: the three audit indexes (on audit_rows, beneath the view since V12), and UNIQUE
        // (record_id, version), which reads use; V12 adds the four of the entries kept in version
        // rows (on version_rows, beneath the view since V13: the unique key's index is named after it),
        // of which V16 drops the one by time.
        String after = "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('audit_rows',"
                + " 'version_rows') ORDER BY name";
        assertEquals(List.of(List.of("audit_history_actor"), List.of("audit_history_changed_at"), List.of("audit_history_record"),
                List.of("policyholder_records_audit_actor"), List.of("policyholder_records_audit_id"),
                List.of("policyholder_records_event_id"),
                List.of("sqlite_autoindex_version_rows_1")), Sql.query(db, after));
        assertEquals(List.of(List.of("record_id"), List.of("version")),
                Sql.query(db, "SELECT name FROM pragma_index_info('sqlite_autoindex_version_rows_1') ORDER BY seqno"));
        assertEquals(List.of(List.of("audit_history_delete"), List.of("audit_history_insert"), List.of("audit_history_update"),
                List.of("event_logs_delete"), List.of("event_logs_insert"), List.of("event_logs_update"),
                List.of("policyholder_records_delete"), List.of("policyholder_records_in_order"),
                List.of("policyholder_records_insert"), List.of("policyholder_records_update"),
                List.of("version_rows_as_written_on_delete"), List.of("version_rows_as_written_on_update"),
                List.of("version_rows_entries_moved"), List.of("version_rows_entries_out_on_delete"),
                List.of("version_rows_entries_out_on_update")),
                Sql.query(db, "SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name"));
    }

    @Test
    void anAuditChainCutAtItsEndBeforeTheUpgradeStillReadsAsCut() throws Exception {
        // Building the audit table again must carry over its AUTOINCREMENT counter: verification
        // reads it to tell entries deleted from the chain's end, which leave no broken link.
        Path folder = copy(SchemaFixture.SCHEMA_8, dir.resolve("cut"));
        Path db = folder.resolve(SchemaFixture.DATABASE);
        String counter = "SELECT seq FROM sqlite_sequence WHERE name = 'audit_history'";
        long given = Sql.count(db, counter);
        long last = Sql.count(db, "SELECT max(id) FROM audit_history");
        assertEquals(given, last, "the fixture's newest entry holds the counter");
        Sql.update(db, "DELETE FROM audit_history WHERE id = " + last);

        Database.open(db).close();

        // From V12 on the counter is that of audit_rows, the table beneath the audit_history view.
        assertEquals(given, Sql.count(db, "SELECT seq FROM sqlite_sequence WHERE name = 'audit_rows'"),
                "the counter still says how many ids were given out");
        try (ServicesFixture app = ServicesFixture.open(DbTarget.sqlite(db), folder, MutableClock.at("2026-06-01T00:00:00Z"))) {
            // The ledger's seal names the missing entry first; the counter, checked above, is what
            // tells such a cut where no event sealed the entry.
            LedgerVerification verified = app.ledger().verify();
            assertFalse(verified.ok(), "a chain cut at its end does not verify");
            assertTrue(verified.broken().reason().contains("audit entry is missing"), verified.broken().reason());
        }
    }

    @Test
    void theDatabaseRefusesAVersionOutOfOrderAfterTheUpgrade() throws Exception {
        Path db = copy(SchemaFixture.SCHEMA_8, dir.resolve("order")).resolve(SchemaFixture.DATABASE);
        Database.open(db).close();
        List<String> newest = Sql.query(db, "SELECT record_id, version, recorded_at FROM policyholder_records"
                + " ORDER BY recorded_at DESC LIMIT 1").get(0);
        long id = Long.parseLong(newest.get(0));
        long version = Long.parseLong(newest.get(1));
        String insert = "INSERT INTO policyholder_records (record_id, version, patch, checkpoint_version, effective_at, recorded_at,"
                + " updated_at, actor, operation, metadata) VALUES (" + id + ", %d, '{}', 1, 'x', '%s', 'x', 1, 'UPDATE', '{}')";

        // A gap, then the next version recorded at the same instant as its predecessor: the trigger.
        for (String refused : List.of(String.format(insert, version + 2, "2999-01-01T00:00:00.000000Z"),
                String.format(insert, version + 1, newest.get(2)))) {
            IllegalStateException failure = assertThrows(IllegalStateException.class, () -> Sql.update(db, refused), refused);
            assertTrue(failure.getMessage().contains("a version needs its predecessor, recorded before it"), failure.getMessage());
        }
        // A version that exists: the unique key.
        IllegalStateException duplicate = assertThrows(IllegalStateException.class,
                () -> Sql.update(db, String.format(insert, version, "2999-01-01T00:00:00.000000Z")));
        assertTrue(duplicate.getMessage().contains("UNIQUE constraint failed"), duplicate.getMessage());
        assertEquals(1, Sql.update(db, String.format(insert, version + 1, "2999-01-01T00:00:00.000000Z")),
                "the next version, recorded later, is taken");
    }

    @Test
    void writesAfterTheUpgradeKeepTheirEntriesInTheirRowsAndTheChainsRunOnAcrossBoth() throws Exception {
        // Before V12 every entry had a row of its own; from V12 on a record write's live in its
        // version's row (decision 0044). Both chains go on from the old rows' heads into the new.
        Path folder = copy(SchemaFixture.SCHEMA_8, dir.resolve("continued"));
        Path db = folder.resolve(SchemaFixture.DATABASE);
        long auditBefore = Sql.count(db, "SELECT count(*) FROM audit_history");
        String recordEvents = " WHERE event_type IN ('record.written', 'record.restored')";
        long eventsBefore = Sql.count(db, "SELECT count(*) FROM event_logs" + recordEvents);
        try (ServicesFixture app = ServicesFixture.open(DbTarget.sqlite(db), folder, MutableClock.at("2026-06-01T00:00:00Z"))) {
            app.records().write(new WriteCommand(1, StoreFixture.json("{\"premium\":140}"), null, null, 7, "renewal", "test", null,
                    false)).join();
            app.records().write(new WriteCommand(4, StoreFixture.json("{\"name\":\"Edsger\"}"), null, null, 7, null, "test", null,
                    false)).join();

            LedgerVerification verified = app.ledger().verify();
            assertTrue(verified.ok(), () -> "does not verify: " + verified.broken());
            assertEquals(auditBefore + 2, verified.auditEntries());
        }
        assertEquals(auditBefore, Sql.count(db, "SELECT count(*) FROM audit_rows"), "the old entries stay where they were");
        assertEquals(eventsBefore, Sql.count(db, "SELECT count(*) FROM event_rows" + recordEvents));
        assertEquals(List.of(List.of("1", "5", "3"), List.of("4", "1", "3")),
                Sql.query(db, "SELECT record_id, version, entries_shown FROM version_rows WHERE entries_shown != 0"
                        + " ORDER BY event_id"));
        assertEquals(eventsBefore + 2, Sql.count(db, "SELECT count(*) FROM event_logs" + recordEvents));
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
        return to;
    }
}
