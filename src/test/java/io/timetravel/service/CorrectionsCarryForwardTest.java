package io.timetravel.service;

import static io.timetravel.testing.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.HistoryEntry;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.storage.SqlEventLog;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's worked examples through {@link RecordService} on a real store, and what follows the
 * rule besides reads: restores, history values, the answer of a write and its refusals.
 */
class CorrectionsCarryForwardTest {

    @TempDir
    Path dir;

    private static Instant t(String date) {
        return Instant.parse(date + "T00:00:00Z");
    }

    private static WriteOutcome write(StoreFixture fixture, long id, String patch, Instant effectiveAt, Instant validTo) {
        return fixture.records().write(new WriteCommand(id, json(patch), effectiveAt, validTo, 7, null, "test", null, false)).join();
    }

    @Test
    void aBackDatedFactReachesTodayAndVersionsAnswerWhatTheStoreShowedThen() {
        MutableClock clock = MutableClock.at("2026-04-01T09:00:00Z");
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("a.db"), clock)) {
            fixture.write(7, "{\"name\":\"Ada\",\"region\":\"EU\",\"premium\":1200,\"address\":{\"city\":\"London\"}}");
            clock.advance(Duration.ofDays(60));
            fixture.write(7, "{\"premium\":1350,\"address\":{\"zip\":\"NW1\"}}");
            clock.advance(Duration.ofDays(30));
            WriteOutcome correction = fixture.write(7, "{\"smoker\":true}", t("2026-05-01"), 9, "medical report");

            JsonObject expectedNow = json("{\"name\":\"Ada\",\"region\":\"EU\",\"premium\":1350,"
                    + "\"address\":{\"city\":\"London\",\"zip\":\"NW1\"},\"smoker\":true}");
            assertEquals(expectedNow, fixture.records().latest(7).data());
            assertEquals(expectedNow, correction.record().data());
            assertEquals(3, fixture.records().latest(7).version());
            assertEquals(expectedNow, fixture.records().version(7, 3).data());
            assertEquals(json("{\"name\":\"Ada\",\"region\":\"EU\",\"premium\":1350,\"address\":{\"city\":\"London\",\"zip\":\"NW1\"}}"),
                    fixture.records().version(7, 2).data());

            // The history shows what the correction changed where it took effect.
            HistoryService history = new HistoryService(fixture.records(), new SqlEventLog(fixture.store()));
            HistoryEntry entry = history.history(7, 10, 0).items().get(2);
            assertEquals(json("{\"smoker\":true}"), entry.newValue());
            assertEquals(json("{\"smoker\":null}"), entry.oldValue());
            assertEquals(t("2026-05-01"), entry.effectiveAt());
            assertEquals(List.of(List.of("{\"smoker\":true}")), Sql.query(fixture.database().file(),
                    "SELECT new_value FROM audit_history WHERE record_id = 7 AND version = 3"));
        }
    }

    @Test
    void theAddressExamplesWithABoundedCorrection() {
        MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("b.db"), clock)) {
            write(fixture, 8, "{\"addr\":\"A\"}", t("2026-01-01"), null);
            clock.advance(Duration.ofHours(1));
            write(fixture, 8, "{\"addr\":\"B\"}", t("2026-03-01"), null);
            clock.advance(Duration.ofHours(1));
            Instant beforeC = clock.instant().minusNanos(1000);
            write(fixture, 8, "{\"addr\":\"C\"}", t("2026-02-01"), null);
            RecordService records = fixture.records();

            assertEquals(json("{\"addr\":\"C\"}"), records.read(8, t("2026-02-15"), null).data());
            assertEquals(json("{\"addr\":\"B\"}"), records.read(8, t("2026-03-15"), null).data());
            assertEquals(json("{\"addr\":\"A\"}"), records.read(8, t("2026-01-15"), null).data());
            assertEquals(json("{\"addr\":\"A\"}"), records.read(8, t("2026-02-15"), beforeC).data());

            clock.advance(Duration.ofHours(1));
            write(fixture, 8, "{\"addr\":\"D\"}", t("2026-02-10"), t("2026-02-20"));
            RecordVersion feb15 = records.read(8, t("2026-02-15"), null);
            assertEquals(json("{\"addr\":\"D\"}"), feb15.data());
            assertEquals(t("2026-02-20"), feb15.validTo());
            assertEquals(4, feb15.version());
            assertEquals(json("{\"addr\":\"C\"}"), records.read(8, t("2026-02-25"), null).data());
            assertEquals(json("{\"addr\":\"B\"}"), records.read(8, t("2026-03-15"), null).data());
            assertEquals(t("2026-02-20"), records.versions(8, 10, 0).items().get(3).validTo());
        }
    }

    @Test
    void aKeyRemovedFromThePastStaysRemovedUntilSetAgain() {
        MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("c.db"), clock)) {
            write(fixture, 9, "{\"a\":1,\"b\":1}", t("2026-01-01"), null);
            clock.advance(Duration.ofHours(1));
            write(fixture, 9, "{\"a\":4}", t("2026-04-01"), null);
            clock.advance(Duration.ofHours(1));
            write(fixture, 9, "{\"a\":null}", t("2026-02-01"), null);

            assertEquals(json("{\"b\":1}"), fixture.records().read(9, t("2026-03-01"), null).data());
            assertEquals(json("{\"a\":4,\"b\":1}"), fixture.records().read(9, t("2026-05-01"), null).data());
            assertEquals(json("{\"a\":4,\"b\":1}"), fixture.records().latest(9).data());
        }
    }

    @Test
    void aRestoreWritesTheChangeFromTheStateNowToThePastOne() {
        MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("d.db"), clock)) {
            write(fixture, 5, "{\"a\":1,\"b\":1}", t("2026-01-01"), null);
            clock.advance(Duration.ofHours(1));
            write(fixture, 5, "{\"a\":2,\"c\":2}", null, null);
            clock.advance(Duration.ofHours(1));

            WriteOutcome restored = fixture.records().restore(new RestoreCommand(5, 1L, null, null, 7, "undo", "test")).join();

            assertTrue(restored.changed());
            assertEquals(json("{\"a\":1,\"b\":1}"), restored.record().data());
            assertEquals(json("{\"a\":1,\"b\":1}"), fixture.records().latest(5).data());
            assertEquals(List.of(List.of("{\"a\":1,\"c\":null}")), Sql.query(fixture.database().file(),
                    "SELECT applied_patch FROM policyholder_records WHERE record_id = 5 AND version = 3"));
            // The past is untouched: just before the restore the record was {a:2,b:1,c:2}.
            assertEquals(json("{\"a\":2,\"b\":1,\"c\":2}"), fixture.records().read(5, null, clock.instant().minusSeconds(60)).data());
            WriteOutcome again = fixture.records().restore(new RestoreCommand(5, 1L, null, null, 7, "undo", "test")).join();
            assertFalse(again.changed(), "restoring the state true now writes nothing");
        }
    }

    @Test
    void refusesAnEmptyPeriodAndChangesNothing() {
        MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("e.db"), clock)) {
            fixture.write(6, "{\"a\":1}");
            assertThrows(InvalidRequestException.class, () -> write(fixture, 6, "{\"a\":2}", t("2026-02-01"), t("2026-02-01")));
            CompletionException late = assertThrows(CompletionException.class, () -> write(fixture, 6, "{\"a\":2}", null, t("2026-05-01")));
            assertTrue(late.getCause() instanceof InvalidRequestException, late::toString);
            assertEquals(1, fixture.records().versions(6, 10, 0).total());
        }
    }
}
