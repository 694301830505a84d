package io.timetravel.storage;

import static io.timetravel.testing.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.RecordVersion;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database written before issue 9 (schema 3, states derived by the old rule "a back-dated
 * patch merges onto the state at its effective instant and reaches no later version") keeps its
 * data and is read by the new rule once migrated. Only the back-dated history changes answers.
 */
class AppliedPatchBackfillTest {

    @TempDir
    Path dir;

    private static final String V1 = "2026-03-01T00:00:00.000000Z";
    private static final String V2 = "2026-04-01T00:00:00.000000Z";
    private static final String V3 = "2026-05-01T00:00:00.000000Z";

    @Test
    void fillsInAppliedPatchesAndRereadsOnlyBackDatedHistories() {
        Path db = dir.resolve("old.db");
        Flyway.configure().dataSource("jdbc:sqlite:" + db, null, null).locations("classpath:db/migration")
                .table("schema_migrations").target("3").load().migrate();
        String[] holders = {
            "(1, '" + V1 + "', 7, NULL, 'A', 3, '" + V3 + "', 7)",
            "(2, '" + V1 + "', 7, NULL, 'B', 2, '" + V2 + "', 7)",
            "(3, '" + V1 + "', 7, NULL, 'C', 3, '" + V3 + "', 7)"};
        Sql.update(db, "INSERT INTO policyholders (id, created_at, created_by, region, name, latest_version, updated_at, updated_by) VALUES "
                + String.join(",", holders));
        // Record 1: premium raised in April, then a correction effective 15 March learned in May.
        // The old rule stored version 3 as the March state plus the correction: premium 100.
        version(db, 1, 1, "{\"name\":\"A\",\"premium\":100,\"smoker\":false}", "{\"name\":\"A\",\"premium\":100,\"smoker\":false}", 1, V1, V1, "CREATE");
        version(db, 1, 2, null, "{\"premium\":120}", 1, V2, V2, "UPDATE");
        version(db, 1, 3, null, "{\"premium\":100,\"smoker\":true}", 1, "2026-03-15T00:00:00.000000Z", V3, "UPDATE");
        // The old events hashed the old rule's states, as a real old database's do.
        // Record 2: no back-dating; the client's second patch named a member that changed nothing.
        version(db, 2, 1, "{\"a\":1,\"name\":\"B\"}", "{\"a\":1,\"name\":\"B\"}", 1, V1, V1, "CREATE");
        version(db, 2, 2, null, "{\"a\":2}", 1, V2, V2, "UPDATE");
        // Record 3: a restore (its event holds the change as new_value), and a version without an event.
        version(db, 3, 1, "{\"name\":\"C\",\"x\":1}", "{\"name\":\"C\",\"x\":1}", 1, V1, V1, "CREATE");
        version(db, 3, 2, null, "{\"x\":2}", 1, V2, V2, "UPDATE");
        version(db, 3, 3, null, "{\"x\":1}", 1, V3, V3, "RESTORE");
        // The event log, in the order things happened (record 3's version 2 has no event).
        event(db, "record.written", 1, 1, V1, "{\"patch\":{\"name\":\"A\",\"premium\":100,\"smoker\":false}}");
        event(db, "record.written", 2, 1, V1, "{\"patch\":{\"a\":1,\"name\":\"B\"}}");
        event(db, "record.written", 3, 1, V1, "{\"patch\":{\"name\":\"C\",\"x\":1}}");
        event(db, "record.written", 1, 2, V2, "{\"patch\":{\"premium\":120}}");
        event(db, "record.written", 2, 2, V2, "{\"patch\":{\"a\":2,\"name\":\"B\"}}");
        event(db, "record.written", 1, 3, V3, "{\"patch\":{\"smoker\":true},\"effective_at\":\"2026-03-15T00:00:00.000000Z\","
                + "\"recorded_at\":\"" + shifted(V3, 1) + "\",\"state_sha256\":\""
                + io.timetravel.domain.HashChain.sha256Hex("{\"name\":\"A\",\"premium\":100,\"smoker\":true}") + "\"}");
        event(db, "record.restored", 3, 3, V3, "{\"restored_from\":{\"version\":1},\"new_value\":{\"x\":1}}");
        String storedStatesOf2And3 = "SELECT record_id, version, data, patch, checkpoint_version FROM policyholder_records "
                + "WHERE record_id IN (2, 3) ORDER BY record_id, version";
        List<List<String>> before = Sql.query(db, storedStatesOf2And3);

        try (StoreFixture fixture = StoreFixture.open(db)) {
            assertEquals(List.of(
                    List.of("1", "1", "{\"name\":\"A\",\"premium\":100,\"smoker\":false}"),
                    List.of("1", "2", "{\"premium\":120}"),
                    List.of("1", "3", "{\"smoker\":true}"),
                    List.of("2", "1", "{\"a\":1,\"name\":\"B\"}"),
                    List.of("2", "2", "{\"a\":2,\"name\":\"B\"}"),
                    List.of("3", "1", "{\"name\":\"C\",\"x\":1}"),
                    List.of("3", "2", "{\"x\":2}"),
                    List.of("3", "3", "{\"x\":1}")),
                    Sql.query(db, "SELECT record_id, version, applied_patch FROM policyholder_records ORDER BY record_id, version"));
            assertEquals(before, Sql.query(db, storedStatesOf2And3), "histories without back-dating keep their stored states");

            // The correction now reaches today; the old rule had left it behind in March.
            assertEquals(json("{\"name\":\"A\",\"premium\":120,\"smoker\":true}"), fixture.records().latest(1).data());
            RecordVersion third = fixture.records().version(1, 3);
            assertEquals(json("{\"name\":\"A\",\"premium\":120,\"smoker\":true}"), third.data());
            assertEquals(json("{\"name\":\"A\",\"premium\":100,\"smoker\":true}"),
                    fixture.records().read(1, Instant.parse("2026-03-20T00:00:00Z"), null).data());
            assertEquals("{\"smoker\":true}", Sql.scalar(db, "SELECT patch FROM policyholder_records WHERE record_id = 1 AND version = 3"));

            assertEquals(json("{\"a\":2,\"name\":\"B\"}"), fixture.records().latest(2).data());
            assertEquals(json("{\"name\":\"C\",\"x\":1}"), fixture.records().latest(3).data());
            assertEquals(json("{\"name\":\"C\",\"x\":2}"), fixture.records().version(3, 2).data());

            // New writes continue the same chains.
            fixture.write(1, "{\"premium\":130}");
            assertEquals(json("{\"name\":\"A\",\"premium\":130,\"smoker\":true}"), fixture.records().latest(1).data());
        }

        // A rebuild from the event log gives the same answers, version by version, and does not
        // hold the old rule's hashes against the back-dated record.
        try (Database sourceDb = Database.openReadOnly(db);
             SqlRecordStore source = new SqlRecordStore(sourceDb, java.time.Clock.systemUTC(), 1);
             StoreFixture target = StoreFixture.open(dir.resolve("rebuilt.db"))) {
            io.timetravel.service.RebuildService.Report report = new io.timetravel.service.RebuildService(
                    new SqlEventLog(source), source, target.records(), target.store()).run(progress -> { });
            assertEquals(9, report.versionsChecked());
            // Record 3's version 2 has no event to replay (made so above); records 1 and 2 match.
            assertTrue(report.mismatchCount() > 0);
            for (String mismatch : report.mismatches()) {
                assertTrue(mismatch.contains("record 3"), mismatch);
            }
        }
    }

    /** Record {@code id}'s instant: {@code id} seconds after {@code instant}, so no two records share one (as in any real store). */
    private static String shifted(String instant, long id) {
        return instant.replace(":00.000000Z", ":0" + id + ".000000Z");
    }

    private static void version(Path db, long id, long version, String data, String patch, long checkpoint, String effective,
                                String recorded, String operation) {
        String recordedAt = shifted(recorded, id);
        String effectiveAt = effective.equals(recorded) ? recordedAt : effective;
        Sql.update(db, "INSERT INTO policyholder_records (record_id, version, data, patch, checkpoint_version, effective_at, "
                + "recorded_at, updated_at, actor, operation, reason, metadata) VALUES (" + id + ", " + version + ", "
                + (data == null ? "NULL" : "'" + data + "'") + ", '" + patch + "', " + checkpoint + ", '" + effectiveAt + "', '"
                + recordedAt + "', '" + recordedAt + "', 7, '" + operation + "', NULL, '{}')");
    }

    private static void event(Path db, String type, long id, long version, String instant, String payload) {
        String at = shifted(instant, id);
        Sql.update(db, "INSERT INTO event_logs (event_type, record_id, version, occurred_at, actor, payload) VALUES ('" + type
                + "', " + id + ", " + version + ", '" + at + "', 7, '" + payload + "')");
    }
}
