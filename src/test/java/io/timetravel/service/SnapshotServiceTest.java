package io.timetravel.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.Instants;
import io.timetravel.domain.Snapshot;
import io.timetravel.domain.SnapshotStatus;
import io.timetravel.storage.GzipSnapshotFiles;
import io.timetravel.storage.SqlSnapshotStore;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import io.timetravel.testing.Wait;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot service on a real store: the job's lifecycle, its failures, expiry, and the
 * restart of jobs that a crash interrupted.
 */
class SnapshotServiceTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    /** The service over a fixture's store, with a store and files of the test's choosing. */
    private SnapshotService service(SnapshotStore store, SnapshotFiles files) {
        return new SnapshotService(store, files, clock);
    }

    private GzipSnapshotFiles files() {
        return new GzipSnapshotFiles(dir.resolve("snapshots"));
    }

    private static Snapshot request(SnapshotService service, Instant at) {
        return service.request(new SnapshotRequest(at, null, "quarter-end review", 42)).join();
    }

    /**
     * Waits for the job to leave in_progress, with a deadline generous enough for the 100,000
     * records of the memory test on a loaded machine (it took 14 s quiet, over 30 s at load 16).
     */
    static SnapshotView awaitDone(SnapshotService service, long id) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            SnapshotView view = service.get(id);
            if (view.snapshot().status() != SnapshotStatus.IN_PROGRESS) {
                return view;
            }
            sleep(10);
        }
        throw new AssertionError("snapshot " + id + " still in progress after 5 minutes");
    }

    static List<String> lines(Path gzip) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gzip)),
                StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }

    @Test
    void aCompletedSnapshotIsSealedReadOnlyWithItsDigestAndEvents() throws Exception {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("s.db"), clock)) {
            fixture.write(1, "{\"a\":1}");
            fixture.write(2, "{\"b\":1}");
            clock.advance(Duration.ofHours(1));
            try (SnapshotService service = service(new SqlSnapshotStore(fixture.store()), files())) {
                Snapshot requested = request(service, clock.instant());
                assertEquals(SnapshotStatus.IN_PROGRESS, requested.status());
                assertEquals(requested.requestedAt(), requested.asOf(), "as_of defaults to the request's own instant");
                assertEquals(requested.requestedAt().plus(Duration.ofDays(7)), requested.expiresAt());

                SnapshotView done = awaitDone(service, requested.id());

                Snapshot completed = done.snapshot();
                assertEquals("completed", done.status());
                assertEquals(2, completed.recordCount());
                Path file = Path.of(completed.file());
                assertEquals(dir.resolve("snapshots").resolve("snapshot-" + completed.id() + ".ndjson.gz").toAbsolutePath(), file);
                assertTrue(isReadOnly(file), "sealed files are read-only");
                byte[] bytes = Files.readAllBytes(file);
                assertEquals(bytes.length, completed.byteSize());
                assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), completed.sha256());
                assertEquals(2, lines(file).size());
                try (var drafts = Files.list(file.getParent())) {
                    assertEquals(List.of(file), drafts.toList(), "no temporary file left behind");
                }
                SnapshotExport export = service.export(completed.id());
                assertEquals(file, export.file());
                assertEquals("snapshot-" + completed.id() + ".ndjson.gz", export.name());
                assertEquals(List.of(List.of("snapshot.requested", "42"), List.of("snapshot.completed", "42")),
                        Sql.query(fixture.database().file(), "SELECT event_type, actor FROM event_logs WHERE event_type LIKE 'snapshot.%' ORDER BY id"));
                assertEquals(List.of(List.of("completed", "2", "42", "quarter-end review")), Sql.query(fixture.database().file(),
                        "SELECT status, record_count, requested_by, reason FROM snapshots"));
            }
        }
    }

    @Test
    void aRunningSnapshotShowsItsProgressAndCannotBeExportedYet() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch paging = new CountDownLatch(1);
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("s.db"), clock)) {
            fixture.write(1, "{\"a\":1}");
            SnapshotStore real = new SqlSnapshotStore(fixture.store());
            SnapshotStore held = new DelegatingStore(real) {
                @Override
                public StatePage statesAt(Instant at, Instant asOf, long afterRecordId, int limit) {
                    paging.countDown();
                    await(release);
                    return real.statesAt(at, asOf, afterRecordId, limit);
                }
            };
            try (SnapshotService service = service(held, files())) {
                Snapshot requested = request(service, clock.instant());
                await(paging);

                assertEquals("in_progress", service.get(requested.id()).status());
                ConflictException conflict = assertThrows(ConflictException.class, () -> service.export(requested.id()));
                assertEquals("snapshot " + requested.id() + " is still in progress", conflict.getMessage());

                release.countDown();
                assertEquals("completed", awaitDone(service, requested.id()).status());
            }
        }
    }

    @Test
    void theListIsNewestFirstAndARunningJobShowsHowFarItHasCome() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch secondPage = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean hold = new java.util.concurrent.atomic.AtomicBoolean();
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("s.db"), clock)) {
            fixture.write(1, "{\"a\":1}");
            SnapshotStore real = new SqlSnapshotStore(fixture.store());
            // While held, the store says there are 2,000 records and the first page was a full one
            // (1,000 gone through); the job then waits before its second page.
            SnapshotStore held = new DelegatingStore(real) {
                @Override
                public long recordTotal() {
                    return hold.get() ? 2 * limitOfAPage() : real.recordTotal();
                }

                @Override
                public StatePage statesAt(Instant at, Instant asOf, long afterRecordId, int limit) {
                    if (!hold.get()) {
                        return real.statesAt(at, asOf, afterRecordId, limit);
                    }
                    if (afterRecordId == 0) {
                        StatePage page = real.statesAt(at, asOf, afterRecordId, limit);
                        return new StatePage(page.states(), page.lastRecordId(), limit);
                    }
                    secondPage.countDown();
                    await(release);
                    return new StatePage(List.of(), afterRecordId, 0);
                }
            };
            try (SnapshotService service = service(held, files())) {
                Snapshot first = request(service, clock.instant());
                awaitDone(service, first.id());
                hold.set(true);
                Snapshot second = request(service, clock.instant());
                await(secondPage);

                List<SnapshotView> listed = service.list(10);

                assertEquals(List.of(second.id(), first.id()), listed.stream().map(view -> view.snapshot().id()).toList());
                SnapshotView running = listed.get(0);
                assertEquals("in_progress", running.status());
                assertEquals(0.5, running.progress(), 1e-9, "1,000 of 2,000 records gone through");
                assertEquals(1, running.snapshot().recordCount(), "the records written so far");
                assertEquals("completed", listed.get(1).status());
                assertNull(listed.get(1).progress(), "no progress for a finished job");
                assertEquals(List.of(second.id()), service.list(1).stream().map(view -> view.snapshot().id()).toList());
                assertThrows(InvalidRequestException.class, () -> service.list(0));

                release.countDown();
                assertEquals("completed", awaitDone(service, second.id()).status());
                assertNull(service.list(10).get(0).progress());
            }
        }
    }

    private static long limitOfAPage() {
        return SnapshotService.PAGE;
    }

    @Test
    void aJobThatFailsIsMarkedFailedWithItsErrorAndCannotBeExported() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("s.db"), clock)) {
            fixture.write(1, "{\"a\":1}");
            SnapshotStore real = new SqlSnapshotStore(fixture.store());
            SnapshotStore broken = new DelegatingStore(real) {
                @Override
                public StatePage statesAt(Instant at, Instant asOf, long afterRecordId, int limit) {
                    throw new StoreUnavailableException("disk on fire");
                }
            };
            try (SnapshotService service = service(broken, files())) {
                Snapshot requested = request(service, clock.instant());

                SnapshotView failed = awaitDone(service, requested.id());

                assertEquals("failed", failed.status());
                assertEquals("disk on fire", failed.snapshot().error());
                assertNull(failed.snapshot().sha256());
                ConflictException conflict = assertThrows(ConflictException.class, () -> service.export(requested.id()));
                assertEquals("snapshot " + requested.id() + " failed: disk on fire", conflict.getMessage());
                assertEquals("1", Sql.scalar(fixture.database().file(),
                        "SELECT count(*) FROM event_logs WHERE event_type = 'snapshot.failed'"));
                assertTrue(Files.notExists(dir.resolve("snapshots").resolve("snapshot-" + requested.id() + ".ndjson.gz.part")));
            }
        }
    }

    @Test
    void anExpiredSnapshotIsGoneAndItsFileIsDeletedWhileItsRowAndDigestStay() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("s.db"), clock)) {
            fixture.write(1, "{\"a\":1}");
            try (SnapshotService service = service(new SqlSnapshotStore(fixture.store()), files())) {
                Snapshot requested = request(service, clock.instant());
                Snapshot completed = awaitDone(service, requested.id()).snapshot();

                clock.advance(Duration.ofDays(8));

                assertEquals("expired", service.get(completed.id()).status());
                GoneException gone = assertThrows(GoneException.class, () -> service.export(completed.id()));
                assertTrue(gone.getMessage().contains("expired at " + Instants.format(completed.expiresAt())), gone.getMessage());
                service.purgeExpired();
                assertTrue(Files.notExists(Path.of(completed.file())));
                assertEquals(List.of(List.of("completed", completed.sha256())), Sql.query(fixture.database().file(),
                        "SELECT status, sha256 FROM snapshots WHERE file_path IS NULL"));
                assertEquals("1", Sql.scalar(fixture.database().file(),
                        "SELECT count(*) FROM event_logs WHERE event_type = 'snapshot.expired'"));
            }
        }
    }

    @Test
    void snapshotsLeftInProgressByACrashRunAgainAtStartUp() throws Exception {
        Path db = dir.resolve("s.db");
        long id;
        try (StoreFixture fixture = StoreFixture.open(db, clock)) {
            fixture.write(1, "{\"a\":1}");
            fixture.write(2, "{\"b\":2}");
            clock.advance(Duration.ofMinutes(5));
            // The request committed, then the process died before its job finished: a row and a half-written file.
            id = insertInProgress(new SqlSnapshotStore(fixture.store()));
            Files.createDirectories(dir.resolve("snapshots"));
            Files.writeString(dir.resolve("snapshots").resolve("snapshot-" + id + ".ndjson.gz.part"), "half a file");
        }
        try (StoreFixture restarted = StoreFixture.open(db, clock);
             SnapshotService service = service(new SqlSnapshotStore(restarted.store()), files())) {
            service.start();

            SnapshotView done = awaitDone(service, id);

            assertEquals("completed", done.status());
            assertEquals(1, done.snapshot().attempts(), "the run after the crash is counted");
            assertEquals(2, done.snapshot().recordCount());
            assertEquals(2, lines(Path.of(done.snapshot().file())).size());
            assertTrue(Files.notExists(dir.resolve("snapshots").resolve("snapshot-" + id + ".ndjson.gz.part")));
        }
    }

    @Test
    void aSnapshotWhoseJobDiesAtEveryStartIsMarkedFailedWithItsReasonAfterThreeStarts() {
        Path db = dir.resolve("s.db");
        AtomicInteger runs = new AtomicInteger();
        long id;
        try (StoreFixture fixture = StoreFixture.open(db, clock)) {
            fixture.write(1, "{\"a\":1}");
            id = insertInProgress(new SqlSnapshotStore(fixture.store()));
        }
        for (int start = 1; start <= SnapshotService.MAX_ATTEMPTS; start++) {
            int attempt = start;
            try (StoreFixture restarted = StoreFixture.open(db, clock);
                 SnapshotService service = service(dying(new SqlSnapshotStore(restarted.store()), runs), files())) {
                service.start();

                boolean last = attempt == SnapshotService.MAX_ATTEMPTS;
                // The job records why it did not finish (the last attempt: that it failed) after it dies.
                Wait.until(Duration.ofMinutes(1), () -> runs.get() == attempt && (last
                        ? service.get(id).snapshot().status() == SnapshotStatus.FAILED
                        : service.get(id).snapshot().error() != null), () -> "attempt " + attempt + " not recorded");
                Snapshot after = service.get(id).snapshot();
                if (!last) {
                    // Still to be run again: in progress, with why this attempt did not finish.
                    assertEquals(SnapshotStatus.IN_PROGRESS, after.status());
                    assertEquals("OutOfMemoryError: Java heap space", after.error());
                    assertEquals(attempt, after.attempts());
                }
            }
        }
        try (StoreFixture restarted = StoreFixture.open(db, clock);
             SnapshotService service = service(new SqlSnapshotStore(restarted.store()), files())) {
            service.start();

            SnapshotView failed = service.get(id);
            assertEquals("failed", failed.status());
            assertEquals("abandoned after 3 attempts: OutOfMemoryError: Java heap space", failed.snapshot().error());
            assertEquals(3, failed.snapshot().attempts());
            assertEquals(3, runs.get(), "never run again");
            ConflictException conflict = assertThrows(ConflictException.class, () -> service.export(id));
            assertEquals("snapshot " + id + " failed: abandoned after 3 attempts: OutOfMemoryError: Java heap space", conflict.getMessage());
            assertEquals("1", Sql.scalar(db, "SELECT count(*) FROM event_logs WHERE event_type = 'snapshot.failed'"));
        }
    }

    @Test
    void aSnapshotWhoseProcessDiedInEveryAttemptIsAbandonedAtTheNextStartWithoutRunning() throws Exception {
        Path db = dir.resolve("s.db");
        long id;
        try (StoreFixture fixture = StoreFixture.open(db, clock)) {
            fixture.write(1, "{\"a\":1}");
            SqlSnapshotStore rows = new SqlSnapshotStore(fixture.store());
            id = insertInProgress(rows);
            // Three starts, each counted, then the process died: nothing could record an error.
            for (int start = 0; start < SnapshotService.MAX_ATTEMPTS; start++) {
                rows.write(session -> session.startAttempt(id)).join();
            }
        }
        try (StoreFixture restarted = StoreFixture.open(db, clock);
             SnapshotService service = service(new SqlSnapshotStore(restarted.store()), files())) {
            service.start();

            SnapshotView failed = awaitDone(service, id);

            assertEquals("failed", failed.status());
            assertEquals("abandoned after 3 attempts: none of them finished (the process stopped while it ran)", failed.snapshot().error());
            assertEquals(3, failed.snapshot().attempts());
            assertEquals(0, failed.snapshot().recordCount());
            assertTrue(Files.notExists(dir.resolve("snapshots").resolve("snapshot-" + id + ".ndjson.gz")), "not run a fourth time");
        }
    }

    /** A requested snapshot whose job has not run: the row a crash leaves. */
    private long insertInProgress(SqlSnapshotStore rows) {
        return rows.write(session -> session.insert(new SnapshotStore.NewSnapshot(clock.instant(), clock.instant(), "quarter end", 42,
                session.recordedAt(), session.recordedAt().plus(SnapshotService.RETENTION), false))).join().id();
    }

    /** A store whose job dies (out of memory) at its first page, counting the times it got there. */
    private static SnapshotStore dying(SnapshotStore real, AtomicInteger runs) {
        return new DelegatingStore(real) {
            @Override
            public StatePage statesAt(Instant at, Instant asOf, long afterRecordId, int limit) {
                runs.incrementAndGet();
                throw new OutOfMemoryError("Java heap space");
            }
        };
    }

    @Test
    void requestsWithoutReasonOrInstantOrInTheFutureAreRefusedAndNothingIsRecorded() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("s.db"), clock);
             SnapshotService service = service(new SqlSnapshotStore(fixture.store()), files())) {
            Instant now = clock.instant();
            List<SnapshotRequest> bad = List.of(
                    new SnapshotRequest(now, null, null, 42),
                    new SnapshotRequest(now, null, "   ", 42),
                    new SnapshotRequest(null, null, "why", 42),
                    new SnapshotRequest(now.plusSeconds(1), null, "why", 42),
                    new SnapshotRequest(now, now.plusSeconds(1), "why", 42),
                    new SnapshotRequest(now, null, "x".repeat(2001), 42));
            for (SnapshotRequest request : bad) {
                assertThrows(InvalidRequestException.class, () -> service.request(request), request::toString);
            }
            assertThrows(NotFoundException.class, () -> service.get(999));
            assertThrows(NotFoundException.class, () -> service.export(999));
            assertEquals("0", Sql.scalar(fixture.database().file(), "SELECT count(*) FROM snapshots"));
        }
    }

    /** By its permissions, not by {@link Files#isWritable}: root may write anything. */
    static boolean isReadOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.getPosixFilePermissions(file).stream().noneMatch(p -> p.name().endsWith("_WRITE"));
        }
        return (Boolean) Files.getAttribute(file, "dos:readonly");
    }

    private static void await(CountDownLatch latch) {
        Wait.until(Duration.ofSeconds(30), latch);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A store that forwards everything, for tests that change one method. */
    private static class DelegatingStore implements SnapshotStore {
        private final SnapshotStore delegate;

        DelegatingStore(SnapshotStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> java.util.concurrent.CompletableFuture<T> write(Work<Session, T> work) {
            return delegate.write(work);
        }

        @Override
        public Optional<Snapshot> find(long id) {
            return delegate.find(id);
        }

        @Override
        public List<Snapshot> newest(int limit) {
            return delegate.newest(limit);
        }

        @Override
        public long recordTotal() {
            return delegate.recordTotal();
        }

        @Override
        public List<Long> recordIds(Instant at, Instant asOf) {
            return delegate.recordIds(at, asOf);
        }

        @Override
        public List<Snapshot> unfinished() {
            return delegate.unfinished();
        }

        @Override
        public List<Snapshot> expiredWithFiles(Instant now) {
            return delegate.expiredWithFiles(now);
        }

        @Override
        public StatePage statesAt(Instant at, Instant asOf, long afterRecordId, int limit) {
            return delegate.statesAt(at, asOf, afterRecordId, limit);
        }
    }
}
