package io.timetravel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.ChainBreak;
import io.timetravel.domain.DigestKey;
import io.timetravel.domain.HashChain;
import io.timetravel.service.LedgerService;
import io.timetravel.service.LedgerVerification;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database written before the ledger (schema 5) is chained as found when first opened: every
 * event gets its hashes, record events the digest of their version row, and one ledger.started
 * event seals the audit chain. From then on, edits show like on a new database.
 */
class LedgerBackfillTest {

    @TempDir
    Path dir;

    private static final String T1 = "2026-03-01T00:00:01.000000Z";
    private static final String T2 = "2026-04-01T00:00:01.000000Z";

    /** Schema 5 with record 1 at two versions, their audit entries and events, and a flag change. */
    private Path oldDatabase() {
        Path db = dir.resolve("old.db");
        Flyway.configure().dataSource("jdbc:sqlite:" + db, null, null).locations("classpath:db/migration")
                .javaMigrations(new AppliedPatchBackfill()).table("schema_migrations").target("5").load().migrate();
        Sql.update(db, "INSERT INTO policyholders (id, created_at, created_by, region, name, latest_version, updated_at, updated_by)"
                + " VALUES (1, '" + T1 + "', 7, 'EU', 'Ada', 2, '" + T2 + "', 7)");
        Sql.update(db, "INSERT INTO policyholder_records (record_id, version, data, patch, checkpoint_version, effective_at, recorded_at,"
                + " updated_at, actor, operation, reason, metadata, applied_patch) VALUES"
                + " (1, 1, '{\"name\":\"Ada\",\"region\":\"EU\"}', '{\"name\":\"Ada\",\"region\":\"EU\"}', 1, '" + T1 + "', '" + T1 + "', '"
                + T1 + "', 7, 'CREATE', NULL, '{}', '{\"name\":\"Ada\",\"region\":\"EU\"}'),"
                + " (1, 2, NULL, '{\"premium\":10}', 1, '" + T2 + "', '" + T2 + "', '" + T2 + "', 7, 'UPDATE', NULL, '{}', '{\"premium\":10}')");
        String previous = HashChain.GENESIS;
        String[][] audit = {{"1", "1", "CREATE", T1, null, "{\"name\":\"Ada\",\"region\":\"EU\"}"},
                {"1", "2", "UPDATE", T2, null, "{\"premium\":10}"}, {null, null, "FLAG_UPDATE", T2, "{\"enabled\":true}", "{\"enabled\":false}"}};
        for (String[] entry : audit) {
            String hash = HashChain.link(previous, AuditEntry.canonicalContent(entry[0] == null ? null : Long.valueOf(entry[0]),
                    entry[1] == null ? null : Long.valueOf(entry[1]), entry[2], entry[3], 7, entry[4], entry[5], null));
            Sql.update(db, "INSERT INTO audit_history (record_id, version, event_type, changed_at, actor, old_value, new_value, prev_hash, hash)"
                    + " VALUES (" + entry[0] + ", " + entry[1] + ", '" + entry[2] + "', '" + entry[3] + "', 7, "
                    + (entry[4] == null ? "NULL" : "'" + entry[4] + "'") + ", '" + entry[5] + "', '" + previous + "', '" + hash + "')");
            previous = hash;
        }
        Sql.update(db, "INSERT INTO event_logs (event_type, record_id, version, occurred_at, actor, payload) VALUES"
                + " ('record.written', 1, 1, '" + T1 + "', 7, '{\"patch\":{\"name\":\"Ada\",\"region\":\"EU\"}}'),"
                + " ('record.written', 1, 2, '" + T2 + "', 7, '{\"patch\":{\"premium\":10}}'),"
                + " ('flag.changed', NULL, NULL, '" + T2 + "', 7, '{\"flag\":\"enable_metrics\"}')");
        return db;
    }

    private static LedgerService ledger(StoreFixture fixture, DigestKey key) {
        return new LedgerService(new SqlLedger(fixture.store()), DigestLogFile.beside(fixture.database().file()), key,
                Clock.systemUTC());
    }

    @Test
    void theEventsFoundAreChainedAndTheAuditChainIsSealedAsFound() throws Exception {
        Path db = oldDatabase();
        DigestKey key = DigestKey.generate();

        try (StoreFixture fixture = StoreFixture.open(db, MutableClock.at("2026-06-01T00:00:00Z"))) {
            List<List<String>> events = Sql.query(db, "SELECT id, event_type, prev_hash, hash, version_sha256, audit_id, audit_hash, payload"
                    + " FROM event_logs ORDER BY id");
            assertEquals(4, events.size());
            assertEquals(HashChain.GENESIS, events.get(0).get(2));
            for (int i = 1; i < 4; i++) {
                assertEquals(events.get(i - 1).get(3), events.get(i).get(2), "event " + (i + 1) + " links to its predecessor");
            }
            try (java.sql.Connection connection = fixture.database().connect()) {
                assertEquals(LedgerRows.version(Database.dsl(connection), 1, 2).sha256(), events.get(1).get(4));
            }
            assertNull(events.get(2).get(4), "a flag event records no version");
            List<String> started = events.get(3);
            assertEquals(LedgerService.EVENT_STARTED, started.get(1));
            assertEquals("3", started.get(5), "the migration seals the audit chain as it found it");
            assertEquals(Sql.scalar(db, "SELECT hash FROM audit_history WHERE id = 3"), started.get(6));
            assertEquals("{\"audit_entries_sealed\":3,\"events_chained\":3,\"migration\":\"7\",\"versions\":2}", started.get(7));
            LedgerVerification verified = ledger(fixture, key).verify();
            assertTrue(verified.ok(), () -> String.valueOf(verified.broken()));
            assertEquals(4, verified.ledgerEntries());

            // Writing goes on from the migration's head, at the clock's time: the migration took no transaction time.
            fixture.write(1, "{\"premium\":12}");
            assertEquals("2026-06-01T00:00:00.000000Z", Sql.scalar(db, "SELECT recorded_at FROM policyholder_records WHERE version = 3"));
            assertEquals(started.get(3), Sql.scalar(db, "SELECT prev_hash FROM event_logs WHERE id = 5"));
            assertEquals("4", Sql.scalar(db, "SELECT audit_id FROM event_logs WHERE id = 5"));
            assertTrue(ledger(fixture, key).verify().ok());

            // A version written before the migration is as much evidence as one written after it.
            Sql.update(db, "UPDATE policyholder_records SET actor = 9 WHERE record_id = 1 AND version = 1");
            assertEquals(new ChainBreak(null, 1L, 1L, 1L, "version row does not match what event 1 recorded"),
                    ledger(fixture, key).verify().broken());
        }
    }

    @Test
    void aNewDatabaseGetsNoMigrationEvent() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("new.db"))) {
            assertEquals(0, Sql.count(fixture.database().file(), "SELECT count(*) FROM event_logs"));
            assertEquals(String.valueOf(Database.SCHEMA_VERSION), Sql.scalar(fixture.database().file(), "SELECT max(CAST(version AS INTEGER)) FROM schema_migrations"));
        }
    }
}
