package io.timetravel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.EventLogEntry;
import io.timetravel.domain.Operation;
import io.timetravel.domain.RecordTimeline;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.service.AuditPolicy;
import io.timetravel.service.RecordService;
import io.timetravel.service.VersionWrites;
import io.timetravel.service.WriteCommand;
import io.timetravel.testing.PostgresServer;
import io.timetravel.testing.StoreFixture;
import io.timetravel.testing.Wait;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two servers on one PostgreSQL database, in one JVM: two {@link Database}s and stores, each
 * with its own writer, as two processes would have (docs/decisions/0029).
 */
class SharedDatabaseTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private String url;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void database() {
        url = PostgresServer.get().createDatabase();
    }

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    /** A server: its own database handle and store (with a writer in a lane of its own). */
    private SqlRecordStore server(Clock clock) {
        Database database = Database.open(DbTarget.parse(url, java.util.Map.of()));
        SqlRecordStore store = new SqlRecordStore(database, clock, 2);
        opened.add(database);
        opened.add(store);
        return store;
    }

    private static RecordService records(SqlRecordStore store, Clock clock) {
        return new RecordService(store, AuditPolicy.always(), clock);
    }

    private static CompletableFuture<?> write(RecordService records, long id, String json) {
        return records.write(new WriteCommand(id, StoreFixture.json(json), null, 7L, null, "test", null));
    }

    @Test
    void aRecordAnotherServerCreatesWhileAWriteDecidesIsUpdatedNotCreatedTwice() throws Exception {
        SqlRecordStore first = server(Clock.systemUTC());
        SqlRecordStore second = server(Clock.systemUTC());
        CountDownLatch looked = new CountDownLatch(1);
        CountDownLatch created = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        // The second server's write finds no record 3, and waits (once) while the first creates it.
        CompletableFuture<RecordVersion> update = second.write(session -> {
            boolean exists = session.timeline(3).isPresent();
            if (runs.incrementAndGet() == 1) {
                looked.countDown();
                Wait.until(DEADLINE, created);
            }
            return session.appendVersion(new VersionWrites.NewVersion(3, StoreFixture.json("{\"b\":2}"),
                    session.recordedAt(), null, 8, exists ? Operation.UPDATE : Operation.CREATE, null, JsonObject.empty()));
        });
        Wait.until(DEADLINE, looked);
        write(records(first, Clock.systemUTC()), 3, "{\"a\":1}").join();
        created.countDown();

        assertEquals(2, update.join().version());
        assertEquals(2, runs.get(), "the write ran again once the other server's record was there");
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            assertEquals(1, count(statement, "SELECT count(*) FROM policyholder_records WHERE record_id = 3 AND operation = 'CREATE'"));
            assertEquals(1, count(statement, "SELECT count(*) FROM policyholder_records WHERE record_id = 3 AND version = 2"
                    + " AND operation = 'UPDATE'"));
        }
    }

    @Test
    void writersOnBothServersKeepEveryRecordsVersionsContiguousAndOrdered() throws Exception {
        RecordService a = records(server(Clock.systemUTC()), Clock.systemUTC());
        RecordService b = records(server(Clock.systemUTC()), Clock.systemUTC());
        int threads = 8;
        int writesEach = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            RecordService through = t % 2 == 0 ? a : b;
            int thread = t;
            // Every thread writes records 1 to 3 (created by whichever server comes first): the
            // servers contend for the same rows, and create the same records at the same moment.
            done.add(pool.submit(() -> {
                for (int i = 0; i < writesEach; i++) {
                    write(through, 1 + (i + thread) % 3, "{\"thread\":" + thread + ",\"i\":" + i + "}").join();
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();

        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            assertEquals(threads * writesEach, count(statement, "SELECT count(*) FROM policyholder_records"));
            for (long record = 1; record <= 3; record++) {
                long versions = count(statement, "SELECT count(*) FROM policyholder_records WHERE record_id = " + record);
                assertEquals(versions, count(statement, "SELECT max(version) FROM policyholder_records WHERE record_id = " + record));
                assertEquals(1, count(statement, "SELECT count(*) FROM policyholder_records WHERE record_id = " + record
                        + " AND operation = 'CREATE'"), "record " + record + " was created once");
                assertEquals(versions, count(statement, "SELECT count(*) FROM policyholder_records r JOIN policyholder_records p"
                        + " ON p.record_id = r.record_id AND p.version = r.version - 1 AND p.recorded_at < r.recorded_at"
                        + " WHERE r.record_id = " + record) + 1, "record " + record + ": recorded_at grows with every version");
                assertEquals(versions, count(statement, "SELECT latest_version FROM policyholders WHERE id = " + record));
            }
            assertEquals(2, count(statement, "SELECT count(DISTINCT lane) FROM audit_history"), "each server wrote in its own lane");
            assertEquals(2, count(statement, "SELECT count(DISTINCT lane) FROM event_logs"));
        }
    }

    @Test
    void aReadThroughOneServerSeesWhatTheOtherJustWrote() {
        SqlRecordStore storeA = server(Clock.systemUTC());
        SqlRecordStore storeB = server(Clock.systemUTC());
        RecordService a = records(storeA, Clock.systemUTC());
        RecordService b = records(storeB, Clock.systemUTC());
        write(a, 5, "{\"premium\":100}").join();
        assertEquals(1, storeB.timeline(5).orElseThrow().size()); // B now caches version 1
        write(a, 5, "{\"premium\":120}").join();
        RecordTimeline seen = storeB.timeline(5).orElseThrow();
        assertEquals(2, seen.size(), "B's cached timeline is not served once A appended");
        assertEquals(StoreFixture.json("{\"premium\":120}"), b.latest(5).data());
    }

    @Test
    void aServerWhoseClockIsBehindStillRecordsAfterTheNewestVersion() {
        Instant now = Instant.now();
        SqlRecordStore aheadStore = server(Clock.fixed(now.plusSeconds(3600), java.time.ZoneOffset.UTC));
        RecordService ahead = records(aheadStore, Clock.systemUTC());
        RecordService behind = records(server(Clock.fixed(now, java.time.ZoneOffset.UTC)), Clock.systemUTC());
        write(ahead, 9, "{\"a\":1}").join();
        write(behind, 9, "{\"a\":2}").join();
        write(behind, 9, "{\"a\":3}").join();
        RecordTimeline timeline = aheadStore.timeline(9).orElseThrow();
        assertEquals(3, timeline.size());
        for (long v = 2; v <= 3; v++) {
            assertTrue(timeline.entry(v).info().recordedAt().isAfter(timeline.entry(v - 1).info().recordedAt()),
                    "version " + v + " is recorded after version " + (v - 1) + ": " + timeline.entry(v).info());
        }
    }

    @Test
    void eachServerHearsEveryServersCommitsInDeliveryOrder() {
        SqlRecordStore storeA = server(Clock.systemUTC());
        SqlRecordStore storeB = server(Clock.systemUTC());
        List<EventLogEntry> heardOnA = new CopyOnWriteArrayList<>();
        storeA.addCommitListener(heardOnA::addAll);
        RecordService a = records(storeA, Clock.systemUTC());
        RecordService b = records(storeB, Clock.systemUTC());
        for (int i = 0; i < 10; i++) {
            write(i % 2 == 0 ? a : b, 20 + i % 3, "{\"i\":" + i + "}").join();
        }
        Wait.until(DEADLINE, () -> heardOnA.size() == 10, () -> "A heard " + heardOnA.size() + " of 10 commits");
        for (int i = 1; i < heardOnA.size(); i++) {
            assertTrue(heardOnA.get(i).position() > heardOnA.get(i - 1).position(), "delivery order: " + heardOnA);
        }
        SqlEventLog log = new SqlEventLog(storeA);
        assertEquals(heardOnA.stream().map(EventLogEntry::id).toList(),
                log.after(0, 100).stream().map(EventLogEntry::id).toList(), "the log reads back in the order it was heard");
        long third = heardOnA.get(2).id();
        assertEquals(heardOnA.subList(3, 10).stream().map(EventLogEntry::id).toList(),
                log.after(third, 100).stream().map(EventLogEntry::id).toList(), "resuming after an event continues after it");
        assertEquals(heardOnA.get(9).id(), log.lastId());
        assertEquals(heardOnA.get(9).id(), log.resumeAfter(1_000_000), "an id the log never gave resumes from the newest");
    }

    @Test
    void theDatabaseRefusesAVersionOutOfOrderWhoeverWritesIt() throws SQLException {
        write(records(server(Clock.systemUTC()), Clock.systemUTC()), 3, "{\"x\":1}").join();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            String columns = "INSERT INTO policyholder_records (record_id, version, patch, checkpoint_version, effective_at,"
                    + " recorded_at, updated_at, actor, operation, metadata) VALUES (3, ";
            SQLException gap = assertThrows(SQLException.class, () -> statement.execute(columns
                    + "3, '{}', 1, 'x', '2999-01-01T00:00:00.000000Z', 'x', 1, 'UPDATE', '{}')"));
            assertTrue(gap.getMessage().contains("has no version 2 before it"), gap.getMessage());
            SQLException backwards = assertThrows(SQLException.class, () -> statement.execute(columns
                    + "2, '{}', 1, 'x', '2000-01-01T00:00:00.000000Z', 'x', 1, 'UPDATE', '{}')"));
            assertTrue(backwards.getMessage().contains("not after version 1"), backwards.getMessage());
            SQLException duplicate = assertThrows(SQLException.class, () -> statement.execute(columns
                    + "1, '{}', 1, 'x', '2999-01-01T00:00:00.000000Z', 'x', 1, 'UPDATE', '{}')"));
            assertEquals("23505", duplicate.getSQLState(), duplicate.getMessage());
        }
    }

    @Test
    void aServerWhoseConnectionsAreCutCarriesOnWithoutAFailedRequest() throws SQLException {
        SqlRecordStore store = server(Clock.systemUTC());
        RecordService records = records(store, Clock.systemUTC());
        List<EventLogEntry> heard = new CopyOnWriteArrayList<>();
        store.addCommitListener(heard::addAll);
        write(records, 11, "{\"n\":1}").join();
        // What a PostgreSQL restart or a failover does to every connection the server holds.
        try (Connection admin = DriverManager.getConnection(url); Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
        }
        write(records, 11, "{\"n\":2}").join();
        assertEquals(StoreFixture.json("{\"n\":2}"), records.latest(11).data());
        assertEquals(2, records.versions(11, 10, 0).total());
        Wait.until(DEADLINE, () -> heard.stream().anyMatch(event -> Long.valueOf(2).equals(event.version())),
                () -> "the feed, reconnected, hears version 2: " + heard);
    }

    @Test
    void idsOfWorkThatRolledBackAreNotTakenForDeletedEntries(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        SqlRecordStore store = server(Clock.systemUTC());
        RecordService records = records(store, Clock.systemUTC());
        write(records, 30, "{\"n\":1}").join();
        // A unit that writes an audit entry and an event, then fails: PostgreSQL's sequences have
        // handed out ids that no row will ever have, at the very end.
        CompletableFuture<?> rolledBack = store.write(session -> {
            session.appendAudit(new io.timetravel.service.AuditWrites.AuditDraft(null, null, "TEST", Instant.now(), 7L,
                    null, "{}", "rolled back", Boolean.FALSE));
            session.appendEvent(new io.timetravel.service.EventWrites.EventDraft("test.rolled_back", null, null, Instant.now(),
                    7L, StoreFixture.json("{}")));
            throw new IllegalStateException("rolled back after taking ids");
        });
        assertThrows(Exception.class, rolledBack::join);
        io.timetravel.service.LedgerService ledger = new io.timetravel.service.LedgerService(new SqlLedger(store),
                new DigestLogFile(dir.resolve("digests.log")), io.timetravel.domain.DigestKey.generate(), Clock.systemUTC());
        io.timetravel.service.LedgerVerification verified = ledger.verify();
        assertTrue(verified.ok(), () -> String.valueOf(verified.broken()));
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
