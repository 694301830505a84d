package io.timetravel.storage;

import static io.timetravel.testing.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.EventLogEntry;
import io.timetravel.testing.Sql;
import io.timetravel.domain.RecordEvents;
import io.timetravel.domain.FeatureFlag;
import io.timetravel.domain.Operation;
import io.timetravel.domain.Page;
import io.timetravel.domain.RecordSummary;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.Snapshot;
import io.timetravel.domain.SnapshotStatus;
import io.timetravel.domain.VersionInfo;
import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.FieldPolicy;
import io.timetravel.domain.access.Role;
import io.timetravel.domain.access.User;
import io.timetravel.service.AuditQuery;
import io.timetravel.service.AuditVerification;
import io.timetravel.service.FlagChange;
import io.timetravel.service.FlagService;
import io.timetravel.service.PremiumService;
import io.timetravel.service.IssuedToken;
import io.timetravel.service.LedgerVerification;
import io.timetravel.service.NewUser;
import io.timetravel.service.NotFoundException;
import io.timetravel.service.RecordQuery;
import io.timetravel.service.RecordService;
import io.timetravel.service.RestoreCommand;
import io.timetravel.service.SnapshotRequest;
import io.timetravel.service.SnapshotService;
import io.timetravel.service.SnapshotStore;
import io.timetravel.service.SnapshotView;
import io.timetravel.service.WriteCommand;
import io.timetravel.service.WriteOutcome;
import io.timetravel.testing.Engine;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.ServicesFixture;
import io.timetravel.testing.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the services expect of the storage ports, run on each engine by a subclass that names a
 * fresh database: writes and exact reads, versions 1..n, bitemporal reads, listings, restore,
 * the audit trail, the event log, flags, snapshots, users and tokens, and the ledger. Each test
 * starts on an empty database; reads that must come from the database rather than a cache are
 * made after {@link #reopen()}.
 */
abstract class StorageContract {

    /** When the first write is recorded; each write moves the clock on, so transaction times are known. */
    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final Duration STEP = Duration.ofMinutes(1);

    @TempDir
    Path folder;

    final MutableClock clock = new MutableClock(T0);
    private DbTarget target;
    ServicesFixture app;

    /** The engine under test. */
    abstract Engine engine();

    @BeforeEach
    void openFresh() {
        target = engine().freshDatabase(folder);
        app = ServicesFixture.open(target, folder, clock);
    }

    @AfterEach
    void closeApp() {
        if (app != null) {
            app.close();
        }
    }

    /** Closes everything and opens the same database again: nothing cached survives. */
    void reopen() {
        app.close();
        app = null;
        app = ServicesFixture.open(target, folder, clock);
    }

    /** Writes a patch at the clock's next step. */
    WriteOutcome write(long id, String patch) {
        return write(id, patch, null, null, 7, null);
    }

    WriteOutcome write(long id, String patch, Instant effectiveAt, Instant validTo, long actor, String reason) {
        clock.advance(STEP);
        return app.records().write(new WriteCommand(id, json(patch), effectiveAt, validTo, actor, reason, "test", null, false))
                .join();
    }

    // --- writes and reads ------------------------------------------------------------------------

    @Test
    void aRecordReadsBackAsWrittenDigitForDigitAfterReopening() {
        String written = "{\"name\":\"Zoë Ångström 東京 🚀\",\"region\":\"EU\","
                + "\"big\":123456789012345678901234567890,\"beyond_double\":9007199254740993,"
                + "\"premium\":1234.567890123456789,\"tiny\":1E-30,\"negative\":-0.5,"
                + "\"quote\":\"a \\\"b\\\" \\\\ c\\n\",\"list\":[1,\"two\",null,true,{\"x\":[]}],\"nested\":{\"a\":{\"b\":false}}}";
        String canonical = json(written).toJson();

        WriteOutcome outcome = write(1, written);
        reopen();

        assertTrue(outcome.created());
        assertEquals(canonical, outcome.record().data().toJson());
        assertEquals(canonical, app.records().latest(1).data().toJson());
        assertEquals(canonical, app.records().version(1, 1).data().toJson());
        assertTrue(canonical.contains("123456789012345678901234567890") && canonical.contains("9007199254740993")
                && canonical.contains("1234.567890123456789") && canonical.contains("Zoë Ångström 東京 🚀"), canonical);
    }

    @Test
    void versionsAreNumberedOneToNAndAWriteThatChangesNothingAddsNone() {
        write(1, "{\"a\":1,\"nested\":{\"x\":1,\"y\":2}}");
        write(1, "{\"b\":2,\"nested\":{\"y\":null,\"z\":3}}");
        WriteOutcome same = write(1, "{\"b\":2,\"gone\":null}");
        write(1, "{\"a\":null}");
        write(1, "{\"c\":\"last\"}");
        reopen();

        assertFalse(same.changed());
        assertEquals(2, same.record().version());
        Page<VersionInfo> all = app.records().versions(1, 100, 0);
        assertEquals(4, all.total());
        assertEquals(List.of(1L, 2L, 3L, 4L), all.items().stream().map(VersionInfo::version).toList());
        assertEquals(List.of(Operation.CREATE, Operation.UPDATE, Operation.UPDATE, Operation.UPDATE),
                all.items().stream().map(VersionInfo::operation).toList());
        List<Instant> recorded = all.items().stream().map(VersionInfo::recordedAt).toList();
        assertEquals(List.of(T0.plus(STEP), T0.plus(STEP.multipliedBy(2)), T0.plus(STEP.multipliedBy(4)), T0.plus(STEP.multipliedBy(5))),
                recorded, "recorded when written, strictly increasing");
        assertEquals(json("{\"a\":1,\"nested\":{\"x\":1,\"y\":2}}"), app.records().version(1, 1).data());
        assertEquals(json("{\"a\":1,\"b\":2,\"nested\":{\"x\":1,\"z\":3}}"), app.records().version(1, 2).data());
        assertEquals(json("{\"b\":2,\"nested\":{\"x\":1,\"z\":3}}"), app.records().version(1, 3).data());
        assertEquals(json("{\"b\":2,\"c\":\"last\",\"nested\":{\"x\":1,\"z\":3}}"), app.records().latest(1).data());
        assertEquals(4, app.records().latest(1).version());
        assertThrows(NotFoundException.class, () -> app.records().version(1, 5));
        assertThrows(NotFoundException.class, () -> app.records().latest(2));
    }

    @Test
    void concurrentWritesToOneRecordGetVersionsOneToNInTheOrderTheyWereRecorded() {
        List<CompletableFuture<WriteOutcome>> writes = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            long id = 20 + i % 2;
            writes.add(app.records().write(new WriteCommand(id, json("{\"n\":" + i + "}"), null, 7, null, "test", null)));
        }
        List<WriteOutcome> outcomes = writes.stream().map(CompletableFuture::join).toList();
        reopen();

        for (long id : List.of(20L, 21L)) {
            List<VersionInfo> versions = app.records().versions(id, 100, 0).items();
            assertEquals(LongStream.rangeClosed(1, 20).boxed().toList(), versions.stream().map(VersionInfo::version).toList());
            for (int i = 1; i < versions.size(); i++) {
                assertTrue(versions.get(i).recordedAt().isAfter(versions.get(i - 1).recordedAt()), versions::toString);
            }
            assertEquals(20, app.events().forRecord(id, 100, 0).total());
        }
        assertEquals(40, outcomes.stream().map(o -> o.record().recordId() + "/" + o.record().version()).distinct().count(),
                "each acknowledged write has a version of its own");
        AuditVerification verified = app.audit().verify();
        assertTrue(verified.ok(), () -> String.valueOf(verified.broken()));
        assertEquals(40, verified.entries());
    }

    @Test
    void pagesOfVersionsFollowEachOtherWithTheSameTotal() {
        for (int i = 1; i <= 7; i++) {
            write(3, "{\"n\":" + i + "}");
        }
        List<Long> seen = new ArrayList<>();
        for (int offset = 0; offset < 7; offset += 3) {
            Page<VersionInfo> page = app.records().versions(3, 3, offset);
            assertEquals(7, page.total());
            assertEquals(Math.min(3, 7 - offset), page.items().size());
            page.items().forEach(info -> seen.add(info.version()));
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), seen);
        assertEquals(List.of(), app.records().versions(3, 3, 9).items());
    }

    // --- bitemporal reads -------------------------------------------------------------------------

    @Test
    void aBackDatedCorrectionChangesThePastAsKnownAfterItButNotAsKnownBefore() {
        Instant jan = Instant.parse("2026-01-01T00:00:00Z");
        Instant feb = Instant.parse("2026-02-01T00:00:00Z");
        write(4, "{\"tier\":\"basic\",\"premium\":100}", jan, null, 7, "opened");
        Instant knownBefore = clock.instant();
        write(4, "{\"premium\":120}", feb, null, 8, "late correction");
        Instant knownAfter = clock.instant();
        reopen();

        Instant midFeb = Instant.parse("2026-02-15T00:00:00Z");
        RecordVersion before = app.records().read(4, midFeb, knownBefore);
        assertEquals(json("{\"tier\":\"basic\",\"premium\":100}"), before.data());
        assertEquals(1, before.version());
        RecordVersion after = app.records().read(4, midFeb, knownAfter);
        assertEquals(json("{\"tier\":\"basic\",\"premium\":120}"), after.data());
        assertEquals(2, after.version());
        assertEquals(feb, after.effectiveAt());
        assertEquals("late correction", after.reason());
        assertEquals(json("{\"tier\":\"basic\",\"premium\":100}"), app.records().read(4, Instant.parse("2026-01-15T00:00:00Z"), null).data(),
                "before the correction took effect");
        assertThrows(NotFoundException.class, () -> app.records().read(4, Instant.parse("2025-12-31T00:00:00Z"), null),
                "before the record was valid");
        assertThrows(NotFoundException.class, () -> app.records().read(4, jan, T0), "before anything was recorded");
    }

    @Test
    void aVersionWithAnEndStopsApplyingAtItsValidTo() {
        Instant jan = Instant.parse("2026-01-01T00:00:00Z");
        Instant apr = Instant.parse("2026-04-01T00:00:00Z");
        Instant may = Instant.parse("2026-05-01T00:00:00Z");
        write(5, "{\"rate\":1.5}", jan, null, 7, null);
        write(5, "{\"promo\":\"spring\",\"rate\":0.75}", apr, may, 7, "spring offer");
        reopen();

        RecordVersion during = app.records().read(5, Instant.parse("2026-04-15T00:00:00Z"), null);
        assertEquals(json("{\"promo\":\"spring\",\"rate\":0.75}"), during.data());
        assertEquals(may, during.validTo());
        assertEquals(json("{\"rate\":1.5}"), app.records().read(5, may, null).data(), "valid_to is exclusive");
        assertEquals(json("{\"rate\":1.5}"), app.records().read(5, Instant.parse("2026-03-31T23:59:59Z"), null).data());
        VersionInfo second = app.records().versions(5, 10, 0).items().get(1);
        assertEquals(apr, second.effectiveAt());
        assertEquals(may, second.validTo());
    }

    // --- listings ---------------------------------------------------------------------------------

    @Test
    void recordListingsArePagedByIdAndFilteredByRegion() {
        for (int id = 1; id <= 7; id++) {
            write(id, "{\"name\":\"Holder " + id + "\",\"region\":\"" + (id % 2 == 0 ? "EU" : "US") + "\"}");
        }
        write(2, "{\"name\":\"Holder 2 renamed\"}");
        reopen();

        Page<RecordSummary> first = app.records().list(RecordQuery.all(3, 0));
        assertEquals(7, first.total());
        assertEquals(List.of(1L, 2L, 3L), first.items().stream().map(RecordSummary::id).toList());
        assertEquals("Holder 2 renamed", first.items().get(1).name());
        assertEquals(2, first.items().get(1).versions());
        assertEquals(List.of(7L), app.records().list(RecordQuery.all(3, 6)).items().stream().map(RecordSummary::id).toList());
        Page<RecordSummary> europe = app.records().list(new RecordQuery(null, "EU", 10, 0));
        assertEquals(3, europe.total());
        assertEquals(List.of(2L, 4L, 6L), europe.items().stream().map(RecordSummary::id).toList());
        assertEquals(List.of("EU", "US"), app.records().regions().stream().sorted().toList());
        assertTrue(app.records().exists(7));
        assertFalse(app.records().exists(8));
    }

    // --- restore ------------------------------------------------------------------------------------

    @Test
    void aRestoreWritesThePastStateAgainAsANewVersion() {
        write(6, "{\"a\":1}");
        write(6, "{\"a\":2,\"b\":\"x\"}");
        clock.advance(STEP);
        WriteOutcome restored = app.records().restore(new RestoreCommand(6, 1L, null, null, 9, "undo", "test")).join();
        reopen();

        assertEquals(3, restored.record().version());
        RecordVersion latest = app.records().latest(6);
        assertEquals(3, latest.version());
        assertEquals(Operation.RESTORE, latest.operation());
        assertEquals(json("{\"a\":1}"), latest.data());
        assertEquals(9, latest.actor());
        assertEquals(json("{\"a\":2,\"b\":\"x\"}"), app.records().version(6, 2).data(), "history is not rewritten");
        EventLogEntry last = app.events().after(0, 100).get(2);
        assertEquals(RecordService.EVENT_RECORD_RESTORED, last.eventType());
        assertEquals(3L, last.version());
        assertEquals("RESTORE", app.audit().list(AuditQuery.all(1, 0)).items().get(0).eventType());
    }

    // --- the audit trail ------------------------------------------------------------------------------

    @Test
    void theAuditTrailHoldsEveryChangeChainedAndFiltersAndPagesAsAsked() {
        write(1, "{\"a\":1}", null, null, 7, "first");
        write(1, "{\"a\":2}", null, null, 8, "second");
        write(2, "{\"b\":1}", null, null, 7, null);
        write(1, "{\"a\":3}", null, null, 7, "third");
        reopen();

        Page<AuditEntry> all = app.audit().list(AuditQuery.all(10, 0));
        assertEquals(4, all.total());
        List<AuditEntry> newestFirst = all.items();
        assertEquals(List.of("UPDATE", "CREATE", "UPDATE", "CREATE"), newestFirst.stream().map(AuditEntry::eventType).toList());
        assertEquals(List.of(1L, 2L, 1L, 1L), newestFirst.stream().map(AuditEntry::recordId).toList());
        assertEquals(List.of(3L, 1L, 2L, 1L), newestFirst.stream().map(AuditEntry::version).toList());
        assertEquals("third", newestFirst.get(0).reason());
        List<AuditEntry> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        for (int i = 1; i < oldestFirst.size(); i++) {
            assertEquals(oldestFirst.get(i - 1).hash(), oldestFirst.get(i).prevHash(), "entry " + i + " names its predecessor");
            assertTrue(oldestFirst.get(i).id() > oldestFirst.get(i - 1).id());
        }

        Page<AuditEntry> ofRecord1 = app.audit().list(new AuditQuery(1L, null, null, null, null, 10, 0));
        assertEquals(3, ofRecord1.total());
        Page<AuditEntry> byActor8 = app.audit().list(new AuditQuery(null, 8L, null, null, null, 10, 0));
        assertEquals(List.of("second"), byActor8.items().stream().map(AuditEntry::reason).toList());
        assertEquals(2, app.audit().list(new AuditQuery(null, null, "create", null, null, 10, 0)).total());
        Instant second = T0.plus(STEP.multipliedBy(2));
        assertEquals(List.of(2L, 1L), app.audit().list(new AuditQuery(null, null, null, second, T0.plus(STEP.multipliedBy(3)), 10, 0))
                .items().stream().map(AuditEntry::recordId).toList(), "changed_at in [from, to]");
        Page<AuditEntry> page = app.audit().list(AuditQuery.all(2, 1));
        assertEquals(4, page.total());
        assertEquals(newestFirst.subList(1, 3), page.items());
        List<Long> walked = new ArrayList<>();
        app.audit().pages(AuditQuery.all(10, 0), 3).forEachRemaining(p -> p.forEach(e -> walked.add(e.id())));
        assertEquals(newestFirst.stream().map(AuditEntry::id).toList(), walked);
        assertEquals(4, app.audit().count(AuditQuery.all(10, 0)));
        assertEquals(newestFirst.get(1).id(), app.audit().entryOf(2, 1).orElseThrow());

        AuditVerification verified = app.audit().verify();
        assertTrue(verified.ok(), () -> String.valueOf(verified.broken()));
        assertEquals(4, verified.entries());
        assertEquals(newestFirst.get(0).hash(), verified.head());
    }

    // --- the event log ----------------------------------------------------------------------------------

    @Test
    void theEventLogReturnsEventsInOrderAndTellsCommitListeners() {
        List<EventLogEntry> heard = Collections.synchronizedList(new ArrayList<>());
        app.events().onCommit(heard::addAll);
        write(1, "{\"a\":1}");
        write(2, "{\"b\":1}");
        write(1, "{\"a\":2}");

        List<EventLogEntry> all = app.events().after(0, 100);
        assertEquals(3, all.size());
        assertEquals(List.of(1L, 2L, 1L), all.stream().map(EventLogEntry::recordId).toList());
        assertEquals(List.of(1L, 1L, 2L), all.stream().map(EventLogEntry::version).toList());
        assertTrue(all.stream().allMatch(e -> RecordService.EVENT_RECORD_WRITTEN.equals(e.eventType())), all::toString);
        assertEquals(List.of(T0.plus(STEP), T0.plus(STEP.multipliedBy(2)), T0.plus(STEP.multipliedBy(3))),
                all.stream().map(EventLogEntry::occurredAt).toList());
        assertTrue(all.get(0).position() < all.get(1).position() && all.get(1).position() < all.get(2).position(),
                "delivered in position order: " + all);
        for (EventLogEntry entry : all) {
            assertEquals(entry.position(), app.events().positionOf(entry.id()));
        }
        assertEquals(0, app.events().positionOf(0));
        assertEquals(all.get(2).id(), app.events().lastId());
        assertEquals(all.get(1).id(), app.events().resumeAfter(all.get(1).id()), "a known id resumes after itself");
        assertEquals(all.get(2).id(), app.events().resumeAfter(all.get(2).id() + 1_000), "an unknown id resumes after the newest");
        assertEquals(all.subList(1, 3), app.events().after(all.get(0).id(), 100));
        assertEquals(all.subList(0, 1), app.events().after(0, 1));
        assertEquals(List.of(), app.events().after(app.events().lastId(), 100));
        Page<EventLogEntry> ofRecord1 = app.events().forRecord(1, 1, 1);
        assertEquals(2, ofRecord1.total());
        assertEquals(1, ofRecord1.items().size());
        Wait.until(ServicesFixture.PATIENCE, () -> heard.size() >= 3, () -> "listeners heard " + heard);
        assertEquals(all.stream().map(EventLogEntry::id).toList(), heard.stream().map(EventLogEntry::id).toList());

        reopen();
        assertEquals(all, app.events().after(0, 100));
        assertEquals(all.get(2).id(), app.events().lastId());
    }

    @Test
    void aRecordEventReadBackHasThePayloadItsListenersGotThoughTheLogKeepsOnlyWhatTheVersionRowDoesNot() {
        List<EventLogEntry> heard = Collections.synchronizedList(new ArrayList<>());
        app.events().onCommit(heard::addAll);
        Instant jan = Instant.parse("2026-01-01T00:00:00Z");
        write(8, "{\"tier\":\"basic\",\"premium\":100,\"address\":{\"city\":\"Oslo\"}}", jan, null, 7, "opened");
        write(8, "{\"premium\":120,\"address\":{\"zip\":\"0150\"}}");
        write(8, "{\"tier\":\"gold\"}", Instant.parse("2026-02-01T00:00:00Z"), null, 8, "late correction");
        write(8, "{\"promo\":\"spring\"}", Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-05-01T00:00:00Z"), 7, "offer");
        clock.advance(STEP);
        app.records().restore(new RestoreCommand(8, 1L, null, null, 9, "undo", "test")).join();
        Wait.until(ServicesFixture.PATIENCE, () -> heard.size() >= 5, () -> "listeners heard " + heard);
        List<EventLogEntry> live = List.copyOf(heard);

        assertEquals(live, app.events().after(0, 100), "read back on a warm cache");
        reopen();
        assertEquals(live, app.events().after(0, 100), "read back from the database alone");
        assertEquals(live.stream().map(EventLogEntry::payload).toList(),
                app.events().forRecord(8, 10, 0).items().stream().map(EventLogEntry::payload).toList());
        assertEquals("{\"tier\":\"gold\"}", live.get(2).payload().getOrNull("new_value").toJson(),
                "the change where the correction took effect");
        assertEquals("{\"tier\":\"basic\"}", live.get(2).payload().getOrNull("old_value").toJson());
        for (EventLogEntry entry : live) {
            String stored = Sql.scalar(target, "SELECT payload FROM event_logs WHERE id = " + entry.id());
            assertEquals(RecordEvents.stored(entry.payload()).toJson(), stored, "the log keeps only the state's digest");
        }
        assertTrue(app.ledger().verify().ok(), "the ledger still commits to everything");
    }

    // --- flags -----------------------------------------------------------------------------------------

    @Test
    void flagsAreReadChangedAndKeepTheirHistory() {
        assertEquals(List.of(FlagService.AUDIT_LOGGING, FlagService.METRICS, FlagService.V2_API, PremiumService.NEW_RISK_ENGINE),
                app.flags().list().stream().map(FeatureFlag::key).sorted().toList());
        assertTrue(app.flags().get(FlagService.METRICS).orElseThrow().enabled());

        clock.advance(STEP);
        FeatureFlag changed = app.flags().update(FlagService.V2_API,
                new FlagChange(true, 30, List.of("EU", "US"), null, "slow rollout"), 11).join();
        assertEquals(30, changed.rolloutPercentage());
        clock.advance(STEP);
        app.flags().update(FlagService.METRICS, new FlagChange(false, null, null, null, "too noisy"), 12).join();
        reopen();

        FeatureFlag v2 = app.flags().get(FlagService.V2_API).orElseThrow();
        assertTrue(v2.enabled());
        assertEquals(30, v2.rolloutPercentage());
        assertEquals(List.of("EU", "US"), v2.regions());
        assertEquals(11L, v2.updatedBy());
        assertEquals(T0.plus(STEP), v2.updatedAt());
        assertFalse(app.flags().get(FlagService.METRICS).orElseThrow().enabled());
        assertFalse(app.flags().isSwitchedOn(FlagService.METRICS));
        List<AuditEntry> history = app.flags().history(FlagService.METRICS);
        assertEquals(1, history.size());
        assertEquals(FlagService.AUDIT_FLAG_UPDATE, history.get(0).eventType());
        assertEquals("too noisy", history.get(0).reason());
        assertEquals(12, history.get(0).actor());
        assertTrue(app.audit().verify().ok());
    }

    @Test
    void withAuditLoggingOffAWriteLeavesNoAuditEntryButStillAVersionAndAnEvent() {
        app.flags().update(FlagService.AUDIT_LOGGING, new FlagChange(false, null, null, null, "quiet"), 1).join();
        write(1, "{\"a\":1}");
        reopen();

        assertEquals(1, app.records().latest(1).version());
        assertEquals(List.of(FlagService.AUDIT_FLAG_UPDATE),
                app.audit().list(AuditQuery.all(10, 0)).items().stream().map(AuditEntry::eventType).toList());
        assertEquals(1, app.events().forRecord(1, 10, 0).total());
    }

    // --- snapshots -----------------------------------------------------------------------------------

    @Test
    void aSnapshotCompletesWithEveryRecordAndTheHashOfItsFile() throws Exception {
        write(1, "{\"name\":\"A\"}");
        write(2, "{\"name\":\"B\"}");
        write(3, "{\"name\":\"C\"}");
        write(3, "{\"name\":\"C2\"}");
        clock.advance(STEP);

        Snapshot requested = app.snapshots().request(new SnapshotRequest(clock.instant(), null, "month end", 42)).join();
        assertEquals(SnapshotStatus.IN_PROGRESS, requested.status());
        Wait.until(ServicesFixture.PATIENCE, () -> app.snapshots().get(requested.id()).snapshot().status() != SnapshotStatus.IN_PROGRESS,
                () -> "snapshot " + requested.id() + " still in progress");
        reopen();

        SnapshotView view = app.snapshots().get(requested.id());
        assertEquals("completed", view.status(), () -> String.valueOf(view.snapshot().error()));
        Snapshot done = view.snapshot();
        assertEquals(3, done.recordCount());
        assertEquals("month end", done.reason());
        assertEquals(42, done.requestedBy());
        assertEquals(List.of(1L, 2L, 3L), app.snapshots().recordIds(done.id()));
        Path file = Path.of(done.file());
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(bytes.length, done.byteSize());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), done.sha256());
        assertEquals(List.of(done.id()), app.snapshots().list(10).stream().map(v -> v.snapshot().id()).toList());
        assertEquals(List.of(SnapshotService.EVENT_REQUESTED, SnapshotService.EVENT_COMPLETED),
                app.events().after(0, 100).stream().map(EventLogEntry::eventType).filter(t -> t.startsWith("snapshot.")).toList());
    }

    @Test
    void aSnapshotStartedTooOftenWithoutFinishingIsMarkedFailedWithItsReasonAndNeverRunAgain() {
        write(1, "{\"name\":\"A\"}");
        clock.advance(STEP);
        SqlSnapshotStore rows = new SqlSnapshotStore(app.store());
        // Requested, then started as often as allowed, each start dying before it finished (the last with an error it could record).
        long id = rows.write(session -> session.insert(new SnapshotStore.NewSnapshot(clock.instant(), clock.instant(), "quarter end", 42,
                session.recordedAt(), session.recordedAt().plus(SnapshotService.RETENTION), false))).join().id();
        for (int start = 1; start <= SnapshotService.MAX_ATTEMPTS; start++) {
            int expected = start;
            assertEquals(expected, rows.write(session -> session.startAttempt(id)).join().attempts());
        }
        rows.write(session -> session.noteError(id, "OutOfMemoryError: Java heap space")).join();
        Snapshot stuck = app.snapshots().get(id).snapshot();
        assertEquals(SnapshotStatus.IN_PROGRESS, stuck.status());
        assertEquals(SnapshotService.MAX_ATTEMPTS, stuck.attempts());
        assertEquals("OutOfMemoryError: Java heap space", stuck.error());

        reopen();   // the next start gives up on it instead of running it a fourth time

        Wait.until(ServicesFixture.PATIENCE, () -> app.snapshots().get(id).snapshot().status() != SnapshotStatus.IN_PROGRESS,
                () -> "snapshot " + id + " still in progress");
        reopen();
        SnapshotView failed = app.snapshots().get(id);
        assertEquals("failed", failed.status());
        assertEquals("abandoned after 3 attempts: OutOfMemoryError: Java heap space", failed.snapshot().error());
        assertEquals(SnapshotService.MAX_ATTEMPTS, failed.snapshot().attempts());
        assertNull(failed.snapshot().file());
        assertEquals(List.of(), new SqlSnapshotStore(app.store()).unfinished());
        assertEquals(List.of(SnapshotService.EVENT_FAILED),
                app.events().after(0, 100).stream().map(EventLogEntry::eventType).filter(t -> t.startsWith("snapshot.")).toList());
    }

    // --- users, tokens, field policies ---------------------------------------------------------------

    @Test
    void usersTokensAndFieldPoliciesAreKeptAndRevoked() {
        User added = app.access().addUser(new NewUser(5, "Auditor Five", Set.of(Role.AUDITOR), false, null), Actor.verified(1)).join();
        assertEquals(5, added.id());
        IssuedToken token = app.access().issueToken(5, null, Actor.verified(1)).join();
        app.access().setPolicy(new FieldPolicy("ssn", FieldPolicy.Masking.PARTIAL, 4), Actor.verified(1)).join();
        app.access().setPolicy(new FieldPolicy("email", FieldPolicy.Masking.HASH, 0), Actor.verified(1)).join();
        reopen();

        User read = app.access().user(5).orElseThrow();
        assertEquals("Auditor Five", read.name());
        assertEquals(Set.of(Role.AUDITOR), read.roles());
        assertTrue(read.active());
        Caller caller = app.access().authenticate(token.token()).orElseThrow();
        assertEquals(5, caller.id());
        assertTrue(caller.verified());
        assertEquals(List.of("email", "ssn"), app.access().policies().list().stream().map(FieldPolicy::path).sorted().toList());
        assertEquals(new FieldPolicy("ssn", FieldPolicy.Masking.PARTIAL, 4), app.access().policies().policyFor("ssn").orElseThrow());

        assertEquals(1, app.access().revokeTokens(5, Actor.verified(1)).join());
        app.access().removePolicy("email", Actor.verified(1)).join();
        reopen();

        assertTrue(app.access().authenticate(token.token()).isEmpty(), "a revoked token stands for nobody");
        assertEquals(List.of("ssn"), app.access().policies().list().stream().map(FieldPolicy::path).toList());
        assertEquals(List.of("FIELD_POLICY_REMOVED", "TOKENS_REVOKED", "FIELD_POLICY_SET", "FIELD_POLICY_SET", "TOKEN_ISSUED", "USER_ADDED"),
                app.audit().list(AuditQuery.all(10, 0)).items().stream().map(AuditEntry::eventType).toList());
    }

    // --- the ledger ----------------------------------------------------------------------------------

    @Test
    void theLedgerOfEverythingStoredVerifies() {
        write(1, "{\"a\":1}");
        write(1, "{\"a\":2}");
        write(2, "{\"b\":1}");
        write(2, "{\"b\":0}", Instant.parse("2026-01-01T00:00:00Z"), null, 8, "back-dated");
        clock.advance(STEP);
        app.records().restore(new RestoreCommand(1, 1L, null, null, 7, "back to the first", "test")).join();
        app.flags().update(FlagService.METRICS, new FlagChange(false, null, null, null, "off"), 3).join();
        app.access().addUser(new NewUser(9, "Nine", Set.of(Role.UNDERWRITER), false, null), Actor.verified(1)).join();
        app.ledger().record();
        reopen();

        LedgerVerification verified = app.ledger().verify();
        assertTrue(verified.ok(), () -> String.valueOf(verified.broken()));
        assertEquals(5, verified.versions());
        assertEquals(app.audit().count(AuditQuery.all(1, 0)), verified.auditEntries());
        assertEquals(7, verified.auditEntries());
        assertEquals(app.events().after(0, 100).size(), verified.ledgerEntries());
        assertEquals(app.audit().verify().head(), verified.auditHead());
        assertEquals(1, verified.digestsChecked());
        assertNull(verified.broken());
    }
}
