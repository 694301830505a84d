package io.timetravel.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.FeatureFlag;
import io.timetravel.storage.SqliteFlagStore;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import io.timetravel.testing.Wait;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flags at service level, on a real database file. */
class FlagServiceTest {

    @TempDir
    Path dir;
    StoreFixture fixture;
    FlagService flags;
    List<String> evaluations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        fixture = StoreFixture.open(dir.resolve("f.db"));
        flags = new FlagService(new SqliteFlagStore(fixture.store()), fixture.store(),
                (key, on) -> evaluations.add(key + "=" + on), Duration.ofMillis(50));
    }

    @AfterEach
    void close() {
        flags.close();
        fixture.close();
    }

    @Test
    void theThreeFlagsAreSeededOn() {
        assertEquals(List.of("enable_audit_logging", "enable_metrics", "enable_v2_api"),
                flags.list().stream().map(FeatureFlag::key).toList());
        assertTrue(flags.isEnabled(FlagService.V2_API, 1, null));
        assertEquals(List.of("enable_v2_api=true"), evaluations, "every evaluation is reported");
    }

    @Test
    void aChangeIsStoredAuditedAndLoggedWithItsActor() {
        FeatureFlag changed = flags.update(FlagService.V2_API, new FlagChange(null, 25, List.of("eu"), null, "pilot"), 42).join();

        assertEquals(25, changed.rolloutPercentage());
        assertEquals(List.of("EU"), changed.regions());
        assertEquals(42L, changed.updatedBy());
        Path db = fixture.database().file();
        assertEquals(List.of(List.of("1", "25", "EU", "42")),
                Sql.query(db, "SELECT enabled, rollout_percentage, regions, updated_by FROM feature_flags WHERE flag_key = 'enable_v2_api'"));
        assertEquals(List.of(List.of("FLAG_UPDATE", "42", "pilot")), Sql.query(db, "SELECT event_type, actor, reason FROM audit_history"));
        assertTrue(Sql.scalar(db, "SELECT new_value FROM audit_history").contains("\"rollout_percentage\":25"));
        assertEquals(List.of(List.of("flag.changed", "42")), Sql.query(db, "SELECT event_type, actor FROM event_logs"));
        assertEquals(25, flags.get(FlagService.V2_API).orElseThrow().rolloutPercentage(), "the service sees its own change at once");
    }

    @Test
    void switchingAuditLoggingOffIsItselfAudited() {
        flags.update(FlagService.AUDIT_LOGGING, new FlagChange(false, null, null, null, "maintenance"), 7).join();

        assertEquals(1, Sql.count(fixture.database().file(), "SELECT count(*) FROM audit_history WHERE event_type = 'FLAG_UPDATE'"));
        assertFalse(flags.auditPolicy().shouldAudit(7, null));
    }

    @Test
    void invalidChangesAreRefusedAndChangeNothing() {
        assertThrows(InvalidRequestException.class, () -> flags.update(FlagService.V2_API, new FlagChange(null, 101, null, null, null), 1));
        assertThrows(InvalidRequestException.class, () -> flags.update(FlagService.V2_API, new FlagChange(null, -1, null, null, null), 1));
        assertThrows(InvalidRequestException.class,
                () -> flags.update(FlagService.V2_API, new FlagChange(null, null, List.of("E U"), null, null), 1));
        assertThrows(InvalidRequestException.class, () -> flags.update(FlagService.V2_API, new FlagChange(null, null, null, null, "r"), 1));
        assertThrows(NotFoundException.class, () -> flags.update("enable_everything", new FlagChange(true, null, null, null, null), 1));
        assertEquals(0, Sql.count(fixture.database().file(), "SELECT count(*) FROM audit_history"));
    }

    @Test
    void aChangeMadeByHandInSqlIsSeenWithinASecond() {
        Sql.update(fixture.database().file(), "UPDATE feature_flags SET enabled = 0 WHERE flag_key = 'enable_v2_api';");

        Wait.until(Duration.ofSeconds(1), () -> !flags.isEnabled(FlagService.V2_API, 1, null), () -> "the flag switched off by SQL");
        assertTrue(flags.get(FlagService.V2_API).orElseThrow().updatedBy() == null);
    }

    @Test
    void changeListenersHearOfEveryChangeWhereverItCameFrom() {
        List<Boolean> seen = new ArrayList<>();
        flags.onChange(all -> seen.add(all.stream().filter(f -> f.key().equals(FlagService.METRICS)).findFirst().orElseThrow().enabled()));

        flags.update(FlagService.METRICS, new FlagChange(false, null, null, null, null), 3).join();
        Sql.update(fixture.database().file(), "UPDATE feature_flags SET enabled = 1 WHERE flag_key = 'enable_metrics'");
        Wait.until(Duration.ofSeconds(2), () -> seen.size() >= 2, () -> "two changes seen: " + seen);

        assertEquals(List.of(false, true), seen.subList(0, 2));
    }

    @Test
    void auditLoggingOffMeansWritesWorkWithoutNewAuditRows() {
        RecordService records = new RecordService(fixture.store(), flags.auditPolicy(), Clock.systemUTC());
        records.write(new WriteCommand(1, StoreFixture.json("{\"a\":1}"), null, 5, null, "test", null)).join();
        flags.update(FlagService.AUDIT_LOGGING, new FlagChange(false, null, null, null, null), 7).join();
        long before = Sql.count(fixture.database().file(), "SELECT count(*) FROM audit_history");

        records.write(new WriteCommand(1, StoreFixture.json("{\"a\":2}"), null, 5, null, "test", null)).join();

        assertEquals(before, Sql.count(fixture.database().file(), "SELECT count(*) FROM audit_history"));
        assertEquals(2, Sql.count(fixture.database().file(), "SELECT count(*) FROM policyholder_records"));
        assertEquals(3, Sql.count(fixture.database().file(), "SELECT count(*) FROM event_logs"), "the event log is still written");
    }

    @Test
    void theAuditSwitchFollowsRegionsAndRollout() {
        flags.update(FlagService.AUDIT_LOGGING, new FlagChange(null, null, List.of("EU"), null, null), 7).join();

        assertTrue(flags.auditPolicy().shouldAudit(5, "eu"));
        assertFalse(flags.auditPolicy().shouldAudit(5, "US"));
        assertFalse(flags.auditPolicy().shouldAudit(5, null));
    }
}
