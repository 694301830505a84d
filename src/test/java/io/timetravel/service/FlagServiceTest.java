package io.timetravel.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.FeatureFlag;
import io.timetravel.domain.access.Actor;
import io.timetravel.storage.Database;
import io.timetravel.storage.SqlAuditLog;
import io.timetravel.storage.SqlFlagStore;
import io.timetravel.storage.SqlRecordStore;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import io.timetravel.testing.Wait;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
        flags = new FlagService(new SqlFlagStore(fixture.store()), fixture.store(),
                (key, on) -> evaluations.add(key + "=" + on), Duration.ofMillis(50));
    }

    @AfterEach
    void close() {
        flags.close();
        fixture.close();
    }

    @Test
    void theFourFlagsAreSeededOnTheRiskEngineForTenPercent() {
        assertEquals(List.of("enable_audit_logging", "enable_metrics", "enable_v2_api", "new_risk_engine"),
                flags.list().stream().map(FeatureFlag::key).toList());
        assertEquals(List.of(100, 100, 100, 10), flags.list().stream().map(FeatureFlag::rolloutPercentage).toList());
        assertTrue(flags.list().stream().allMatch(FeatureFlag::enabled));
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

    /**
     * The refresher reads the table just before a change commits and replaces the copy just after
     * the change's own refresh: the interleaving a busy machine produced now and then, forced here.
     */
    @Test
    void aRefreshThatReadTheTableBeforeAChangeDoesNotHideTheChange() throws Exception {
        flags.close();
        PausingFlagStore paused = new PausingFlagStore(new SqlFlagStore(fixture.store()));
        // One round only, the refresher's first, held once it has read the table.
        flags = new FlagService(paused, fixture.store(), (key, on) -> { }, Duration.ofHours(1));
        assertTrue(paused.read.await(20, TimeUnit.SECONDS), "the refresher read the table");

        CompletableFuture<FeatureFlag> change = CompletableFuture.supplyAsync(
                () -> flags.update(FlagService.V2_API, new FlagChange(null, 25, null, null, "pilot"), 42).join());
        Wait.until(Duration.ofSeconds(20), () -> Sql.query(fixture.database().file(),
                "SELECT rollout_percentage FROM feature_flags WHERE flag_key = 'enable_v2_api'").equals(List.of(List.of("25"))),
                () -> "the change committed");
        paused.resume.countDown();
        assertTrue(paused.refreshed.await(20, TimeUnit.SECONDS), "the refresher's round replaced the copy");

        assertEquals(25, change.get(20, TimeUnit.SECONDS).rolloutPercentage());
        assertEquals(25, flags.get(FlagService.V2_API).orElseThrow().rolloutPercentage(), "the caller sees its change");
    }

    /**
     * The real store, whose first read on the refresher's thread waits for {@code resume} once it
     * has read; {@code refreshed} once that round has gone on to look for external changes.
     */
    private static final class PausingFlagStore implements FlagStore {
        private final FlagStore real;
        private final AtomicBoolean first = new AtomicBoolean(true);
        final CountDownLatch read = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);
        final CountDownLatch refreshed = new CountDownLatch(1);

        PausingFlagStore(FlagStore real) {
            this.real = real;
        }

        private static boolean onTheRefresher() {
            return Thread.currentThread().getName().equals("flag-refresh");
        }

        @Override
        public List<FeatureFlag> all() {
            List<FeatureFlag> table = real.all();
            if (onTheRefresher() && first.compareAndSet(true, false)) {
                read.countDown();
                try {
                    resume.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return table;
        }

        @Override
        public List<Audited> allWithLastAudit() {
            if (onTheRefresher()) {
                refreshed.countDown();
            }
            return real.allWithLastAudit();
        }

        @Override
        public List<AuditEntry> history(String key, int limit) {
            return real.history(key, limit);
        }
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

    // --- changes made behind the application's back -------------------------------------------

    /** Generous: the refresher looks every 50 ms here; a busy machine only makes the wait longer. */
    private static final Duration FOUND = Duration.ofSeconds(20);

    private Path db() {
        return fixture.database().file();
    }

    private long externalChanges() {
        return Sql.count(db(), "SELECT count(*) FROM audit_history WHERE event_type = 'FLAG_UPDATE' AND reason = '"
                + FlagService.EXTERNAL_CHANGE_REASON + "'");
    }

    private void awaitExternalChanges(long count) {
        Wait.until(FOUND, () -> externalChanges() >= count, () -> count + " external changes recorded: "
                + Sql.query(db(), "SELECT event_type, actor, reason, new_value FROM audit_history"));
    }

    @Test
    void aChangeMadeByHandInSqlIsRecordedWithItsBeforeAndAfterAsNobodyKnown() {
        Sql.update(db(), "UPDATE feature_flags SET rollout_percentage = 30, regions = ' eu,uk' WHERE flag_key = 'enable_v2_api'");

        awaitExternalChanges(1);
        List<String> entry = Sql.query(db(), "SELECT actor, actor_verified, old_value, new_value, changed_at FROM audit_history").get(0);
        assertEquals("0", entry.get(0), "actor 0: nobody known");
        assertEquals("0", entry.get(1), "not verified");
        assertTrue(entry.get(2).contains("\"flag_key\":\"enable_v2_api\",\"regions\":[],\"rollout_percentage\":100,"), entry.get(2));
        assertTrue(entry.get(3).contains("\"flag_key\":\"enable_v2_api\",\"regions\":[\"EU\",\"UK\"],\"rollout_percentage\":30,"
                + "\"updated_at\":\"" + entry.get(4) + "\",\"updated_by\":null}"), entry.get(3));
        List<String> event = Sql.query(db(), "SELECT event_type, actor, payload FROM event_logs").get(0);
        assertEquals(List.of(FlagService.EVENT_FLAG_CHANGED_EXTERNALLY, "0"), event.subList(0, 2));
        assertTrue(event.get(2).contains("\"new_value\":" + entry.get(3)), event.get(2));
        assertTrue(event.get(2).contains("\"reason\":\"changed outside the application\""), event.get(2));
        assertEquals(List.of(List.of("30", "EU,UK", entry.get(4))),
                Sql.query(db(), "SELECT rollout_percentage, regions, updated_at FROM feature_flags WHERE flag_key = 'enable_v2_api'"),
                "the row says when the change was found, and that nobody known made it");
        assertTrue(new AuditService(new SqlAuditLog(fixture.store())).verify().ok(), "the entry joined the chain");
    }

    @Test
    void eachExternalChangeIsRecordedOnceAndTheApplicationsOwnNever() {
        flags.update(FlagService.METRICS, new FlagChange(false, null, null, null, "own"), 5).join();
        Sql.update(db(), "UPDATE feature_flags SET enabled = 0 WHERE flag_key = 'enable_v2_api'");
        awaitExternalChanges(1);
        flags.update(FlagService.METRICS, new FlagChange(true, null, null, null, "own again"), 5).join();
        // A later change by hand, found only after the refresher has compared everything again.
        Sql.update(db(), "UPDATE feature_flags SET description = 'by hand' WHERE flag_key = 'enable_audit_logging'");
        awaitExternalChanges(2);

        assertEquals(List.of(List.of("enable_metrics", "5", "own"), List.of("enable_v2_api", "0", FlagService.EXTERNAL_CHANGE_REASON),
                        List.of("enable_metrics", "5", "own again"), List.of("enable_audit_logging", "0", FlagService.EXTERNAL_CHANGE_REASON)),
                Sql.query(db(), "SELECT json_extract(new_value, '$.flag_key'), actor, reason FROM audit_history ORDER BY id"));
    }

    @Test
    void aChangeFromAnotherProcessThatAuditsItIsNotExternal() {
        try (Database beside = Database.openBeside(db());
             SqlRecordStore store = new SqlRecordStore(beside, Clock.systemUTC(), 1);
             FlagService commandLine = FlagService.forChanges(new SqlFlagStore(store), store)) {
            commandLine.update(FlagService.V2_API, new FlagChange(null, 10, null, null, "from the command line"), 0).join();
        }
        Wait.until(FOUND, () -> flags.get(FlagService.V2_API).orElseThrow().rolloutPercentage() == 10, () -> "the change seen");
        Sql.update(db(), "UPDATE feature_flags SET enabled = 0 WHERE flag_key = 'enable_metrics'");
        awaitExternalChanges(1);

        assertEquals(List.of(List.of("enable_v2_api", "from the command line"), List.of("enable_metrics", FlagService.EXTERNAL_CHANGE_REASON)),
                Sql.query(db(), "SELECT json_extract(new_value, '$.flag_key'), reason FROM audit_history ORDER BY id"));
    }

    @Test
    void aChangeMadeWhileNothingRanIsRecordedAtTheNextStart() {
        flags.update(FlagService.V2_API, new FlagChange(null, 40, null, null, "before the stop"), 5).join();
        flags.close();
        Sql.update(db(), "UPDATE feature_flags SET rollout_percentage = 60 WHERE flag_key = 'enable_v2_api'");

        flags = new FlagService(new SqlFlagStore(fixture.store()), fixture.store(), FlagEvaluationListener.none(), Duration.ofMillis(50));

        awaitExternalChanges(1);
        List<String> entry = Sql.query(db(), "SELECT old_value, new_value FROM audit_history ORDER BY id DESC LIMIT 1").get(0);
        assertTrue(entry.get(0).contains("\"rollout_percentage\":40"), "before: as last audited: " + entry.get(0));
        assertTrue(entry.get(1).contains("\"rollout_percentage\":60"), entry.get(1));
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

    @Test
    void aFlagsHistoryListsItsOwnChangesNewestFirstWithTheActorAndMarksOnesMadeOutside() {
        flags.update(FlagService.V2_API, new FlagChange(null, 40, null, null, "pilot"), Actor.verified(42)).join();
        flags.update(FlagService.METRICS, new FlagChange(false, null, null, null, "not this flag"), 7).join();
        flags.update(FlagService.V2_API, new FlagChange(null, null, List.of("EU"), null, "EU first"), Actor.declared(9)).join();
        Sql.update(db(), "UPDATE feature_flags SET rollout_percentage = 70 WHERE flag_key = 'enable_v2_api'");
        Wait.until(FOUND, () -> flags.history(FlagService.V2_API).size() == 3, () -> "the change by SQL recorded");

        List<AuditEntry> history = flags.history(FlagService.V2_API);

        assertEquals(List.of("changed outside the application", "EU first", "pilot"),
                history.stream().map(AuditEntry::reason).toList());
        assertEquals(List.of(0L, 9L, 42L), history.stream().map(AuditEntry::actor).toList());
        assertEquals(List.of(false, false, true), history.stream().map(AuditEntry::actorVerified).toList());
        assertEquals(List.of(true, false, false), history.stream().map(FlagService::isExternal).toList());
        assertTrue(history.get(0).oldValue().contains("\"rollout_percentage\":40"), "old value as last audited");
        assertTrue(history.get(0).newValue().contains("\"rollout_percentage\":70"), "new value as found");
        assertEquals(List.of("not this flag"), flags.history(FlagService.METRICS).stream().map(AuditEntry::reason).toList());
        assertEquals(List.of(), flags.history(FlagService.AUDIT_LOGGING), "a flag never changed has no history");
        assertThrows(NotFoundException.class, () -> flags.history("no_such_flag"));
    }
}
