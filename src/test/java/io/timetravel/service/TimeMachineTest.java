package io.timetravel.service;

import static io.timetravel.testing.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.HistoryEntry;
import io.timetravel.domain.Operation;
import io.timetravel.domain.Page;
import io.timetravel.domain.RecordVersion;
import io.timetravel.service.HistoryService.Comparison;
import io.timetravel.service.HistoryService.TimelinePoint;
import io.timetravel.storage.SqlEventLog;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The time machine at service level: two time axes, restore, history, diff. */
class TimeMachineTest {

    private static final Instant LAST_MONTH = Instant.parse("2026-10-21T00:00:00Z");
    private static final Instant YESTERDAY = Instant.parse("2026-11-20T00:00:00Z");
    private static final Instant TODAY = Instant.parse("2026-11-21T09:00:00Z");

    @TempDir
    Path dir;
    MutableClock clock;
    StoreFixture fixture;
    RecordService records;
    HistoryService history;

    @BeforeEach
    void open() {
        clock = MutableClock.at("2026-09-01T09:00:00Z");
        fixture = StoreFixture.open(dir.resolve("t.db"), clock);
        records = fixture.records();
        history = new HistoryService(records, new SqlEventLog(fixture.store()));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    /**
     * The worked example of docs/contract.md, Two time axes: a correction recorded today, effective last month, changes what
     * "at last month" returns as known today, but not what it returns as known yesterday.
     */
    @Test
    void aBackDatedCorrectionChangesThePastAsKnownTodayButNotAsKnownYesterday() {
        fixture.write(1, "{\"name\":\"Ada\",\"smoker\":false,\"premium\":100}");
        clock.set("2026-10-01T09:00:00Z");
        fixture.write(1, "{\"premium\":110}");
        clock.set(TODAY);
        RecordVersion correction = fixture.write(1, "{\"smoker\":true}", LAST_MONTH, 9, "medical report received").record();

        assertEquals(3, correction.version());
        assertEquals(LAST_MONTH, correction.effectiveAt());
        assertEquals(TODAY, correction.recordedAt());
        assertEquals(json("{\"name\":\"Ada\",\"premium\":110,\"smoker\":true}"), records.read(1, LAST_MONTH, null).data());
        assertEquals(json("{\"name\":\"Ada\",\"premium\":110,\"smoker\":false}"), records.read(1, LAST_MONTH, YESTERDAY).data());
        // The correction does not rewrite what came later; today's state is version 3's only if nothing later exists.
        assertEquals(3, records.read(1, TODAY, TODAY).version());
    }

    @Test
    void asOfAloneMeansWhatTheStoreWouldHaveAnsweredThen() {
        fixture.write(1, "{\"premium\":100}");
        clock.set("2026-10-01T09:00:00Z");
        fixture.write(1, "{\"premium\":200}");

        assertEquals(json("{\"premium\":100}"), records.read(1, null, Instant.parse("2026-09-15T00:00:00Z")).data());
        assertEquals(json("{\"premium\":200}"), records.read(1, null, null).data());
    }

    @Test
    void restoringAVersionWritesItsStateAgainAsANewVersion() {
        fixture.write(1, "{\"premium\":100,\"plan\":\"basic\"}");
        clock.advance(Duration.ofDays(1));
        fixture.write(1, "{\"premium\":999,\"plan\":null}");
        clock.advance(Duration.ofDays(1));

        WriteOutcome restored = records.restore(new RestoreCommand(1, 1L, null, null, 5, "bad import on the 2nd", "test")).join();

        assertTrue(restored.changed());
        RecordVersion version = restored.record();
        assertEquals(3, version.version());
        assertEquals(Operation.RESTORE, version.operation());
        assertEquals(json("{\"plan\":\"basic\",\"premium\":100}"), version.data());
        assertEquals("bad import on the 2nd", version.reason());
        assertEquals(5, version.actor());
        assertEquals(json("{\"premium\":999}"), records.version(1, 2).data(), "history is intact");
        Path db = fixture.database().file();
        assertEquals(List.of(List.of("RESTORE", "5", "bad import on the 2nd")),
                Sql.query(db, "SELECT event_type, actor, reason FROM audit_history WHERE version = 3"));
        assertEquals(List.of(List.of("record.restored", "5")),
                Sql.query(db, "SELECT event_type, actor FROM event_logs WHERE version = 3"));
        assertTrue(Sql.scalar(db, "SELECT metadata FROM policyholder_records WHERE version = 3").contains("\"restored_from\":{\"resolved_version\":1,\"version\":1}"));
    }

    @Test
    void restoringAnInstantUsesTheStateTrueThenAsKnownNowOrAsOfAGivenInstant() {
        fixture.write(1, "{\"premium\":100}");
        clock.set("2026-10-01T09:00:00Z");
        fixture.write(1, "{\"premium\":200}");
        clock.set("2026-10-10T09:00:00Z");
        fixture.write(1, "{\"premium\":150}", Instant.parse("2026-09-15T00:00:00Z"), 7, "late correction");
        clock.set("2026-11-01T09:00:00Z");

        RecordVersion asKnownNow = records.restore(new RestoreCommand(1, null, Instant.parse("2026-09-20T00:00:00Z"), null, 5,
                "back to September", "test")).join().record();
        assertEquals(json("{\"premium\":150}"), asKnownNow.data());

        RecordVersion asKnownThen = records.restore(new RestoreCommand(1, null, Instant.parse("2026-09-20T00:00:00Z"),
                Instant.parse("2026-09-20T00:00:00Z"), 5, "as we knew it then", "test")).join().record();
        assertEquals(json("{\"premium\":100}"), asKnownThen.data());
    }

    @Test
    void aRestoreNeedsAReasonAndATargetThatExists() {
        fixture.write(1, "{\"a\":1}");

        assertEquals("a reason is required to restore a record", assertThrows(InvalidRequestException.class,
                () -> records.restore(new RestoreCommand(1, 1L, null, null, 5, "  ", "test"))).getMessage());
        assertThrows(InvalidRequestException.class, () -> records.restore(new RestoreCommand(1, null, null, null, 5, "r", "test")));
        assertThrows(InvalidRequestException.class,
                () -> records.restore(new RestoreCommand(1, 1L, TODAY, null, 5, "r", "test")));
        CompletionException missing = assertThrows(CompletionException.class,
                () -> records.restore(new RestoreCommand(1, 9L, null, null, 5, "r", "test")).join());
        assertTrue(missing.getCause() instanceof NotFoundException);
        CompletionException noRecord = assertThrows(CompletionException.class,
                () -> records.restore(new RestoreCommand(2, 1L, null, null, 5, "r", "test")).join());
        assertEquals("record 2 not found", noRecord.getCause().getMessage());
        assertEquals(1, Sql.count(fixture.database().file(), "SELECT count(*) FROM policyholder_records"));
    }

    @Test
    void aRestoreThatChangesNothingWritesNothing() {
        fixture.write(1, "{\"a\":1}");
        clock.advance(Duration.ofHours(1));

        WriteOutcome outcome = records.restore(new RestoreCommand(1, 1L, null, null, 5, "no-op", "test")).join();

        assertFalse(outcome.changed());
        assertEquals(1, outcome.record().version());
        assertEquals(1, Sql.count(fixture.database().file(), "SELECT count(*) FROM policyholder_records"));
        assertEquals(1, Sql.count(fixture.database().file(), "SELECT count(*) FROM event_logs"));
    }

    @Test
    void historyListsEveryChangeWithItsOldAndNewValuesEvenWithoutAudit() {
        try (StoreFixture unaudited = StoreFixture.open(dir.resolve("u.db"), clock)) {
            RecordService quiet = new RecordService(unaudited.store(), (actor, region) -> false, clock);
            quiet.write(new WriteCommand(4, json("{\"a\":1,\"b\":2}"), null, 3, null, "test", null)).join();
            quiet.write(new WriteCommand(4, json("{\"a\":null,\"b\":5}"), null, 3, "fix", "test", null)).join();
            HistoryService unauditedHistory = new HistoryService(quiet, new SqlEventLog(unaudited.store()));

            Page<HistoryEntry> page = unauditedHistory.history(4, 10, 0);

            assertEquals(0, Sql.count(unaudited.database().file(), "SELECT count(*) FROM audit_history"));
            assertEquals(2, page.total());
            HistoryEntry second = page.items().get(1);
            assertEquals(2, second.version());
            assertEquals(Operation.UPDATE, second.operation());
            assertEquals(json("{\"a\":1,\"b\":2}"), second.oldValue());
            assertEquals(json("{\"a\":null,\"b\":5}"), second.newValue());
            assertEquals("fix", second.reason());
            assertTrue(page.items().get(0).oldValue().isNull());
        }
    }

    @Test
    void historyPagesOldestFirst() {
        for (int i = 0; i < 7; i++) {
            fixture.write(1, "{\"n\":" + i + "}");
        }
        Page<HistoryEntry> page = history.history(1, 3, 3);

        assertEquals(7, page.total());
        assertEquals(List.of(4L, 5L, 6L), page.items().stream().map(HistoryEntry::version).toList());
        assertThrows(NotFoundException.class, () -> history.history(2, 10, 0));
    }

    @Test
    void diffComparesVersionsAndInstants() {
        fixture.write(1, "{\"premium\":100,\"address\":{\"city\":\"London\"}}");
        clock.set("2026-10-01T09:00:00Z");
        fixture.write(1, "{\"premium\":120,\"address\":{\"city\":\"Paris\"},\"smoker\":true}");

        Comparison byVersion = history.diff(1, TimelinePoint.parse("v:1", "from"), TimelinePoint.parse("v:2", "to"));
        assertEquals(json("{\"smoker\":true}"), byVersion.diff().added());
        assertEquals(json("{\"address.city\":{\"from\":\"London\",\"to\":\"Paris\"},\"premium\":{\"from\":100,\"to\":120}}"),
                byVersion.diff().changed());

        Comparison byInstant = history.diff(1, TimelinePoint.parse("2026-09-15", "from"), TimelinePoint.parse("2026-10-15T00:00:00+02:00", "to"));
        assertEquals(byVersion.diff(), byInstant.diff());

        Comparison fromNothing = history.diff(1, TimelinePoint.parse("2020-01-01", "from"), TimelinePoint.parse("v:1", "to"));
        assertNull(fromNothing.from());
        assertEquals(json("{\"premium\":100,\"address\":{\"city\":\"London\"}}"), fromNothing.diff().added());
    }

    @Test
    void timelinePointsAreValidated() {
        assertEquals("invalid from; versions are v:1, v:2, ...",
                assertThrows(InvalidRequestException.class, () -> TimelinePoint.parse("v:0", "from")).getMessage());
        assertThrows(InvalidRequestException.class, () -> TimelinePoint.parse("v:x", "from"));
        assertThrows(InvalidRequestException.class, () -> TimelinePoint.parse("yesterday", "to"));
        assertThrows(InvalidRequestException.class, () -> TimelinePoint.parse(null, "to"));
        assertEquals(new TimelinePoint(12L, null), TimelinePoint.parse("v:12", "to"));
        assertEquals(new TimelinePoint(Long.MAX_VALUE, null), TimelinePoint.parse("v:9223372036854775807", "to"));
        for (String bad : new String[] {"v:9223372036854775808", "v:+1", "v:-1", "v: 1", "v:"}) {
            assertThrows(InvalidRequestException.class, () -> TimelinePoint.parse(bad, "to"), bad);
        }
    }

    @Test
    void theListSearchesByNameOrIdAndFiltersByRegion() {
        fixture.write(10, "{\"name\":\"Ada Lovelace\",\"region\":\"EU\"}");
        fixture.write(11, "{\"name\":\"Grace Hopper\",\"region\":\"US\"}");
        fixture.write(12, "{\"first_name\":\"Alan\",\"last_name\":\"Turing\",\"region\":\"EU\"}");
        fixture.write(12, "{\"premium\":1}");

        assertEquals(List.of(10L, 12L), records.list(new RecordQuery(null, "EU", 10, 0)).items().stream().map(s -> s.id()).toList());
        assertEquals(List.of(12L), records.list(new RecordQuery("TURING", null, 10, 0)).items().stream().map(s -> s.id()).toList());
        assertEquals(List.of(11L), records.list(new RecordQuery("11", null, 10, 0)).items().stream().map(s -> s.id()).toList());
        assertEquals(2, records.list(new RecordQuery("12", null, 10, 0)).items().get(0).versions());
        assertEquals(0, records.list(new RecordQuery("%", null, 10, 0)).total(), "LIKE wildcards are taken literally");
        assertEquals(List.of("EU", "US"), records.regions());
    }
}
