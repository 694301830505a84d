package io.timetravel.storage;

import static io.timetravel.testing.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.Operation;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.MergePatch;
import io.timetravel.service.NotFoundException;
import io.timetravel.service.StoreUnavailableException;
import io.timetravel.service.WriteOutcome;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The versioned store on a real SQLite file: writes, versions, checkpoints, restarts. */
class RecordStoreTest {

    @TempDir
    Path dir;

    @Test
    void firstWriteCreatesVersionOneAndThePolicyholder() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            WriteOutcome outcome = fixture.write(5, "{\"name\":\"Ada\",\"region\":\"EU\"}");

            assertTrue(outcome.created());
            assertEquals(1, outcome.record().version());
            assertEquals(Operation.CREATE, outcome.record().operation());
            assertEquals(List.of(List.of("5", "Ada", "EU", "1")),
                    Sql.query(fixture.database().file(), "SELECT id, name, region, latest_version FROM policyholders"));
        }
    }

    @Test
    void updatesMergeAndNumberVersionsWithoutGaps() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            fixture.write(1, "{\"a\":1,\"nested\":{\"x\":1,\"y\":2}}");
            fixture.write(1, "{\"b\":2,\"nested\":{\"y\":null,\"z\":3}}");
            RecordVersion third = fixture.write(1, "{\"a\":null}").record();

            assertEquals(3, third.version());
            assertEquals(json("{\"b\":2,\"nested\":{\"x\":1,\"z\":3}}"), third.data());
            assertEquals(json("{\"b\":2,\"nested\":{\"x\":1,\"z\":3}}"), fixture.records().latest(1).data());
            assertEquals(List.of(List.of("1"), List.of("2"), List.of("3")),
                    Sql.query(fixture.database().file(), "SELECT version FROM policyholder_records WHERE record_id = 1 ORDER BY version"));
        }
    }

    @Test
    void aWriteThatChangesNothingCreatesNoVersion() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            fixture.write(1, "{\"a\":\"x\"}");
            WriteOutcome same = fixture.write(1, "{\"a\":\"x\",\"gone\":null}");

            assertFalse(same.changed());
            assertEquals(1, same.record().version());
            assertEquals(1, Sql.count(fixture.database().file(), "SELECT count(*) FROM policyholder_records"));
            assertEquals(1, Sql.count(fixture.database().file(), "SELECT count(*) FROM audit_history"));
            assertEquals(1, Sql.count(fixture.database().file(), "SELECT count(*) FROM event_logs"));
        }
    }

    @Test
    void versionRowAuditEntryAndEventAreWrittenTogether() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            fixture.write(9, "{\"a\":\"1\"}", null, 42, "first");
            fixture.write(9, "{\"a\":\"2\"}", null, 43, "second");
            Path db = fixture.database().file();

            assertEquals(List.of(List.of("9", "1", "CREATE", "42", "first"), List.of("9", "2", "UPDATE", "43", "second")),
                    Sql.query(db, "SELECT record_id, version, event_type, actor, reason FROM audit_history ORDER BY id"));
            assertEquals(List.of(List.of("{\"a\":\"1\"}", "{\"a\":\"2\"}")),
                    Sql.query(db, "SELECT old_value, new_value FROM audit_history WHERE version = 2"));
            assertEquals(List.of(List.of("record.written", "9", "1"), List.of("record.written", "9", "2")),
                    Sql.query(db, "SELECT event_type, record_id, version FROM event_logs ORDER BY id"));
        }
    }

    @Test
    void recordedAtStrictlyIncreasesEvenWhenTheClockStandsStill() {
        MutableClock clock = MutableClock.at("2026-05-01T10:00:00Z");
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"), clock)) {
            for (int i = 0; i < 5; i++) {
                fixture.write(1, "{\"n\":" + i + "}");
            }
            List<List<String>> rows = Sql.query(fixture.database().file(),
                    "SELECT recorded_at FROM policyholder_records ORDER BY version");

            assertEquals("2026-05-01T10:00:00.000000Z", rows.get(0).get(0));
            assertEquals("2026-05-01T10:00:00.000004Z", rows.get(4).get(0));
        }
    }

    @Test
    void everyVersionRebuildsExactlyAcrossCheckpoints() {
        Path file = dir.resolve("t.db");
        Random random = new Random(20261121);
        List<JsonObject> expected = new ArrayList<>();
        try (StoreFixture fixture = StoreFixture.open(file)) {
            JsonObject state = JsonObject.empty();
            for (int v = 1; v <= 150; v++) {
                JsonObject patch = randomPatch(random, v);
                state = MergePatch.apply(state, patch);
                JsonObject written = fixture.records().write(new io.timetravel.service.WriteCommand(
                        3, patch, null, 1, null, "test", null)).join().record().data();
                if (expected.isEmpty() || !written.equals(expected.get(expected.size() - 1))) {
                    expected.add(written);
                }
                assertEquals(state, written);
            }
        }
        // A fresh store has an empty cache: every version is rebuilt from checkpoints and patches.
        try (StoreFixture fixture = StoreFixture.open(file)) {
            for (int v = expected.size(); v >= 1; v--) {
                assertEquals(expected.get(v - 1), fixture.records().version(3, v).data(), "version " + v);
            }
        }
        long checkpoints = Sql.count(file, "SELECT count(*) FROM policyholder_records WHERE data IS NOT NULL");
        long maxChain = Sql.count(file, "SELECT max(version - checkpoint_version) FROM policyholder_records");
        assertTrue(checkpoints > 1 && checkpoints < expected.size(), "some versions are checkpoints, most are patches: " + checkpoints);
        assertTrue(maxChain < CheckpointPolicy.MAX_CHAIN, "chains stay short: " + maxChain);
    }

    private static JsonObject randomPatch(Random random, int v) {
        JsonObject.Builder patch = JsonObject.builder();
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            String key = "k" + random.nextInt(12);
            switch (random.nextInt(4)) {
                case 0 -> patch.put(key, io.timetravel.domain.json.JsonNull.INSTANCE);
                case 1 -> patch.put(key, JsonObject.builder().put("v", v).put("s" + random.nextInt(3), "x" + v).build());
                default -> patch.put(key, JsonNumber.of(random.nextInt(1000)));
            }
        }
        return patch.build();
    }

    @Test
    void largeRecordsStorePatchesNotWholeStates() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            JsonObject.Builder big = JsonObject.builder();
            for (int i = 0; i < 200; i++) {
                big.put("field" + i, "value of field " + i + " with some padding to make it realistic");
            }
            fixture.records().write(new io.timetravel.service.WriteCommand(1, big.build(), null, 1, null, "test", null)).join();
            for (int i = 0; i < 300; i++) {
                fixture.write(1, "{\"field" + (i % 200) + "\":\"updated " + i + "\"}");
            }
            Path db = fixture.database().file();
            long stateChars = Long.parseLong(Sql.scalar(db, "SELECT length(data) FROM policyholder_records WHERE version = 1"));
            long storedChars = Long.parseLong(Sql.scalar(db,
                    "SELECT sum(length(patch)) + sum(coalesce(length(data), 0)) FROM policyholder_records WHERE version > 1"));

            assertTrue(stateChars > 12_000, "the record is large: " + stateChars);
            assertTrue(storedChars / 300 < stateChars / 10, "per version: " + storedChars / 300 + " chars, state: " + stateChars);
        }
    }

    @Test
    void fiftyConcurrentWritersToOneRecordMakeVersionsOneToFifty() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            List<CompletableFuture<WriteOutcome>> writes = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                writes.add(CompletableFuture.supplyAsync(() -> fixture.write(77, "{\"f" + n + "\":" + n + "}")));
            }
            writes.forEach(CompletableFuture::join);

            List<List<String>> versions = Sql.query(fixture.database().file(),
                    "SELECT version FROM policyholder_records WHERE record_id = 77 ORDER BY version");
            assertEquals(50, versions.size());
            for (int v = 1; v <= 50; v++) {
                assertEquals(String.valueOf(v), versions.get(v - 1).get(0));
            }
            assertEquals(50, fixture.records().latest(77).data().size());
            assertEquals(1, writes.stream().filter(w -> w.join().created()).count());
        }
    }

    @Test
    void concurrentWritersAcrossManyRecordsKeepEachRecordsNumbering() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            List<CompletableFuture<WriteOutcome>> writes = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                writes.add(CompletableFuture.supplyAsync(() -> fixture.write(1 + n % 40, "{\"w" + n + "\":true}")));
            }
            writes.forEach(CompletableFuture::join);

            Path db = fixture.database().file();
            assertEquals(40, Sql.count(db, "SELECT count(*) FROM policyholders WHERE latest_version = 10"));
            assertEquals(0, Sql.count(db, "SELECT count(*) FROM (SELECT record_id FROM policyholder_records "
                    + "GROUP BY record_id HAVING max(version) != 10 OR count(*) != 10 OR min(version) != 1)"));
        }
    }

    @Test
    void aFailingUnitOfWorkIsUndoneAloneAndLeavesNoGap() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            fixture.write(1, "{\"a\":1}");
            CompletableFuture<Object> failing = fixture.store().write(session -> {
                session.appendVersion(new io.timetravel.service.VersionWrites.NewVersion(
                        1, json("{\"a\":999}"), session.recordedAt(), null, 1, Operation.UPDATE, null, JsonObject.empty()));
                throw new IllegalStateException("changed my mind");
            });
            WriteOutcome after = fixture.write(1, "{\"a\":2}");

            CompletionException failure = assertThrows(CompletionException.class, failing::join);
            assertEquals("changed my mind", failure.getCause().getMessage());
            assertEquals(2, after.record().version());
            assertEquals(json("{\"a\":2}"), fixture.records().latest(1).data());
            assertEquals(2, Sql.count(fixture.database().file(), "SELECT count(*) FROM policyholder_records"));
        }
    }

    @Test
    void dataSurvivesARestart() {
        Path file = dir.resolve("t.db");
        try (StoreFixture fixture = StoreFixture.open(file)) {
            fixture.write(1, "{\"a\":1}");
            fixture.write(1, "{\"b\":2}");
        }
        try (StoreFixture fixture = StoreFixture.open(file)) {
            assertEquals(json("{\"a\":1,\"b\":2}"), fixture.records().latest(1).data());
            assertEquals(3, fixture.write(1, "{\"c\":3}").record().version());
        }
    }

    @Test
    void readingAnUnknownRecordOrVersionIsNotFound() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            fixture.write(1, "{\"a\":1}");

            assertThrows(NotFoundException.class, () -> fixture.records().latest(2));
            assertThrows(NotFoundException.class, () -> fixture.records().version(1, 2));
            assertThrows(NotFoundException.class, () -> fixture.records().read(1, Instant.parse("2000-01-01T00:00:00Z"), null));
        }
    }

    @Test
    void aSecondProcessCannotOpenTheSameDatabase() {
        Path file = dir.resolve("t.db");
        try (StoreFixture fixture = StoreFixture.open(file)) {
            StoreUnavailableException refused = assertThrows(StoreUnavailableException.class, () -> Database.open(file));
            assertTrue(refused.getMessage().contains("in use"), refused.getMessage());
        }
    }

    @Test
    void everyConnectionEnforcesForeignKeysInWalMode() throws Exception {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"));
             Connection connection = fixture.database().connect();
             Statement statement = connection.createStatement()) {
            assertEquals("1", single(statement, "PRAGMA foreign_keys"));
            assertEquals("wal", single(statement, "PRAGMA journal_mode"));
            assertEquals("2", single(statement, "PRAGMA synchronous"));
            assertEquals("5000", single(statement, "PRAGMA busy_timeout"));
        }
    }

    @Test
    void migrationsAreRecordedAndTheFlagsSeeded() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            Path db = fixture.database().file();
            assertEquals(List.of(List.of("1"), List.of("2"), List.of("3"), List.of("4"), List.of("5"), List.of("6"), List.of("7"), List.of("8"),
                    List.of("9"), List.of("10"), List.of("11"), List.of("12"), List.of("13"),
                    List.of("14"), List.of("15"), List.of("16")),
                    Sql.query(db, "SELECT version FROM schema_migrations WHERE success = 1 ORDER BY installed_rank"));
            assertEquals(List.of(List.of("enable_audit_logging", "1"), List.of("enable_metrics", "1"), List.of("enable_v2_api", "1"),
                    List.of("new_risk_engine", "1")), Sql.query(db, "SELECT flag_key, enabled FROM feature_flags ORDER BY flag_key"));
        }
    }

    @Test
    void runbookStatementsWorkAgainstARunningStore() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            fixture.write(1, "{\"a\":1}");
            Path db = fixture.database().file();

            assertEquals(1, Sql.query(db, "SELECT record_id, version, updated_at FROM policyholder_records;").size());
            assertEquals(1, Sql.query(db, "SELECT record_id, version, event_type, changed_at FROM audit_history ORDER BY changed_at DESC;").size());
            assertEquals(4, Sql.query(db, "SELECT flag_key, enabled FROM feature_flags;").size());
            assertEquals(1, Sql.update(db, "UPDATE feature_flags SET enabled = 0 WHERE flag_key = 'enable_v2_api';"));
        }
    }

    @Test
    void theTimelineLoadSeeksTheRecordsVersionsInOrderWithoutSorting() throws Exception {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"));
             java.sql.Connection connection = fixture.database().connect();
             VersionQueries queries = new VersionQueries(connection)) {
            fixture.write(1, "{\"a\":1}");
            String plan = Sql.query(fixture.database().file(), "EXPLAIN QUERY PLAN " + queries.timelineSql(1, 0)).toString();

            assertTrue(plan.contains("USING INDEX sqlite_autoindex_version_rows_1 (record_id=? AND version>?)"), plan);
            assertFalse(plan.contains("TEMP B-TREE"), plan);
        }
    }

    @Test
    void aBackDatedWriteCarriesForwardWithoutRewritingWhatWasKnown() {
        MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"), clock)) {
            fixture.write(1, "{\"premium\":100,\"smoker\":false}");
            clock.advance(Duration.ofDays(30));
            fixture.write(1, "{\"premium\":120}");
            clock.advance(Duration.ofDays(30));
            WriteOutcome correction = fixture.write(1, "{\"smoker\":true}", Instant.parse("2026-03-15T00:00:00Z"), 7, "medical report");

            // The answer is the record now: the correction reaches today, premium stays as changed later.
            assertEquals(json("{\"premium\":120,\"smoker\":true}"), correction.record().data());
            assertEquals(3, correction.record().version());
            assertEquals(json("{\"premium\":120,\"smoker\":true}"), fixture.records().latest(1).data());
            assertEquals(json("{\"premium\":100,\"smoker\":true}"),
                    fixture.records().read(1, Instant.parse("2026-03-20T00:00:00Z"), null).data());
            assertEquals(json("{\"premium\":100,\"smoker\":false}"),
                    fixture.records().read(1, Instant.parse("2026-03-10T00:00:00Z"), null).data());
            // Nothing stored was rewritten: as known before the correction, smoker was false.
            Instant before = Instant.parse("2026-04-20T00:00:00Z");
            assertEquals(json("{\"premium\":120,\"smoker\":false}"), fixture.records().read(1, null, before).data());
            assertEquals(2, fixture.records().read(1, null, before).version());
        }
    }

    private static String single(Statement statement, String sql) throws Exception {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
