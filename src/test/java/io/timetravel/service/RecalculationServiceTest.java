package io.timetravel.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.premium.PremiumEngine;
import io.timetravel.domain.premium.PremiumEngines;
import io.timetravel.domain.premium.PremiumOutcome;
import io.timetravel.domain.premium.Recalculation;
import io.timetravel.domain.premium.Recalculation.Status;
import io.timetravel.storage.DbTarget;
import io.timetravel.storage.SqlRecalculationStore;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.PricedRecords;
import io.timetravel.testing.ServicesFixture;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import io.timetravel.testing.Wait;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recalculation jobs on a real SQLite store: the result, its instants, cancelling, and a restart. */
class RecalculationServiceTest {

    private static final PremiumEngines ENGINES = PremiumEngines.standard();

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-01T09:00:00Z");
    private final Map<Long, String> ended = new ConcurrentHashMap<>();
    private ServicesFixture services;
    private RecalculationService recalculations;
    private GatedStore gate;

    /** The real store, whose page reads can be held at a gate: a job can be caught in progress. */
    private static final class GatedStore implements RecalculationStore {
        private final RecalculationStore real;
        private final CountDownLatch reading = new CountDownLatch(1);
        private volatile CountDownLatch open = new CountDownLatch(0);

        GatedStore(RecalculationStore real) {
            this.real = real;
        }

        void close() {
            open = new CountDownLatch(1);
        }

        void open() {
            open.countDown();
        }

        @Override
        public <T> CompletableFuture<T> write(Work<Session, T> work) {
            return real.write(work);
        }

        @Override
        public Optional<Recalculation> find(long id) {
            return real.find(id);
        }

        @Override
        public List<Recalculation> newest(int limit) {
            return real.newest(limit);
        }

        @Override
        public List<Recalculation> unfinished() {
            return real.unfinished();
        }

        @Override
        public long recordTotal() {
            return real.recordTotal();
        }

        @Override
        public SnapshotStore.StatePage statesAt(Instant at, Instant asOf, long afterRecordId, int limit) {
            reading.countDown();
            try {
                open.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.statesAt(at, asOf, afterRecordId, limit);
        }
    }

    @BeforeEach
    void open() {
        services = ServicesFixture.open(DbTarget.sqlite(dir.resolve("recalc.db")), dir, clock);
        recalculations = service();
    }

    private RecalculationService service() {
        gate = new GatedStore(new SqlRecalculationStore(services.store()));
        return new RecalculationService(gate, ENGINES, clock, new PremiumMetrics() {
            @Override
            public void recalculationEnded(long id, String status) {
                ended.put(id, status);
            }
        });
    }

    @AfterEach
    void close() {
        gate.open();
        recalculations.close();
        services.close();
    }

    private void writeRecords(long first, long last) {
        List<CompletableFuture<WriteOutcome>> writes = new ArrayList<>();
        for (long id = first; id <= last; id++) {
            writes.add(services.records().write(new WriteCommand(id, StoreFixture.json(PricedRecords.varied(id)), null, null, 7, null, "test",
                    null, false)));
        }
        writes.forEach(CompletableFuture::join);
    }

    private Recalculation await(long id) {
        Wait.until(ServicesFixture.PATIENCE, () -> recalculations.get(id).status().finished(), () -> "recalculation " + id);
        return recalculations.get(id);
    }

    private static BigDecimal number(JsonObject json, String key) {
        return ((JsonNumber) json.getOrNull(key)).value();
    }

    private RecalculationRequest request(List<String> engines, String reason) {
        return new RecalculationRequest(null, null, engines, null, reason, 5);
    }

    @Test
    void everyRecordIsPricedByEachEngineAndTheResultAddsUp() {
        writeRecords(1, 120);
        writeRecords(200, 200);
        services.records().write(new WriteCommand(300, StoreFixture.json("{\"name\":\"no facts\"}"), null, null, 7, null, "test",
                null, false)).join();
        Recalculation job = recalculations.request(request(List.of(), "before moving new_risk_engine to 100%")).join();
        assertEquals(List.of("classic@1", "risk-v2@2"), job.engines());
        assertEquals(122, job.total());

        Recalculation done = await(job.id());
        assertEquals(Status.COMPLETED, done.status());
        assertEquals(122, done.processed());
        // The job is stored as completed before its runner reports the end to the metrics.
        Wait.until(ServicesFixture.PATIENCE, () -> ended.containsKey(job.id()), () -> "the job's end in the metrics");
        assertEquals("completed", ended.get(job.id()));

        // The same figures, computed here record by record.
        PremiumEngine classic = ENGINES.find("classic", 1).orElseThrow();
        PremiumEngine risk = ENGINES.find("risk-v2", 2).orElseThrow();
        BigDecimal classicTotal = BigDecimal.ZERO;
        long over = 0;
        List<Long> ids = new ArrayList<>();
        for (long id = 1; id <= 120; id++) {
            ids.add(id);
        }
        ids.add(200L);
        for (long id : ids) {
            BigDecimal a = ((PremiumOutcome.Priced) classic.price(StoreFixture.json(PricedRecords.varied(id)), done.validAt())).quote().premium();
            BigDecimal b = ((PremiumOutcome.Priced) risk.price(StoreFixture.json(PricedRecords.varied(id)), done.validAt())).quote().premium();
            classicTotal = classicTotal.add(a);
            BigDecimal percent = b.subtract(a).movePointRight(2).divide(a, 2, java.math.RoundingMode.HALF_EVEN);
            over += percent.abs().compareTo(BigDecimal.TEN) > 0 ? 1 : 0;
        }
        JsonObject result = done.result();
        JsonObject classicResult = (JsonObject) ((JsonObject) result.getOrNull("engines")).getOrNull("classic@1");
        assertEquals(121, number(classicResult, "priced").longValue());
        assertEquals(1, number(classicResult, "unpriced").longValue());
        assertEquals(0, classicTotal.compareTo(number(classicResult, "total")));
        JsonObject comparison = (JsonObject) ((JsonArray) result.getOrNull("comparisons")).elements().get(0);
        assertEquals(121, number(comparison, "compared").longValue());
        assertEquals(over, number(comparison, "over_threshold").longValue());
        assertEquals(1, Sql.count(services.database().file(),
                "SELECT count(*) FROM event_logs WHERE event_type = 'recalculation.completed'"));
    }

    @Test
    void aJobPricesWhatWasKnownWhenItWasRequested() {
        writeRecords(1, 5);
        gate.close();
        Recalculation job = recalculations.request(request(List.of("classic"), "fixed instants")).join();
        Wait.until(ServicesFixture.PATIENCE, () -> gate.reading.getCount() == 0, () -> "the job reading");
        clock.advance(Duration.ofMinutes(1));
        writeRecords(6, 9);
        gate.open();
        Recalculation done = await(job.id());
        JsonObject classic = (JsonObject) ((JsonObject) done.result().getOrNull("engines")).getOrNull("classic@1");
        assertEquals(5, number(classic, "priced").longValue(), "records written after the request are not in it");
        assertEquals(job.knownAt(), done.knownAt());
        assertEquals(job.requestedAt(), done.knownAt());
    }

    @Test
    void aCancelledJobStopsAndStaysCancelled() {
        writeRecords(1, 5);
        gate.close();
        Recalculation job = recalculations.request(request(List.of("risk-v2@1", "classic"), "cancel me")).join();
        assertEquals(List.of("risk-v2@1", "classic@1"), job.engines());
        Wait.until(ServicesFixture.PATIENCE, () -> gate.reading.getCount() == 0, () -> "the job reading");
        Recalculation cancelled = recalculations.cancel(job.id(), 9).join();
        assertEquals(Status.CANCELLED, cancelled.status());
        assertEquals("cancelled by user 9", cancelled.error());
        gate.open();
        Wait.until(ServicesFixture.PATIENCE, () -> ended.containsKey(job.id()), () -> "the job to stop");
        Recalculation after = recalculations.get(job.id());
        assertEquals(Status.CANCELLED, after.status());
        assertNull(after.result());
        CompletionStageAssert.conflict(() -> recalculations.cancel(job.id(), 9));
        assertEquals(1, Sql.count(services.database().file(),
                "SELECT count(*) FROM event_logs WHERE event_type = 'recalculation.cancelled'"));
    }

    @Test
    void aJobInterruptedByAShutdownRunsAgainAtTheNextStart() {
        writeRecords(1, 5);
        gate.close();
        Recalculation job = recalculations.request(request(List.of("classic"), "restart")).join();
        Wait.until(ServicesFixture.PATIENCE, () -> gate.reading.getCount() == 0, () -> "the job reading");
        recalculations.close();
        gate.open();
        assertEquals(Status.IN_PROGRESS, recalculations.get(job.id()).status());

        recalculations = service();
        recalculations.start();
        Recalculation done = await(job.id());
        assertEquals(Status.COMPLETED, done.status());
        assertEquals(5, done.processed());
    }

    @Test
    void badRequestsAreRefusedAndRecordNothing() {
        assertThrows(InvalidRequestException.class, () -> recalculations.request(request(List.of(), " ")));
        assertThrows(InvalidRequestException.class, () -> recalculations.request(request(List.of("nope"), "r")));
        assertThrows(InvalidRequestException.class, () -> recalculations.request(request(List.of("classic@7"), "r")));
        assertThrows(InvalidRequestException.class, () -> recalculations.request(request(List.of("classic@x"), "r")));
        assertThrows(InvalidRequestException.class, () -> recalculations.request(request(List.of("classic", "classic@1"), "r")));
        assertThrows(InvalidRequestException.class, () -> recalculations.request(
                new RecalculationRequest(null, null, List.of(), new BigDecimal("-1"), "r", 5)));
        assertThrows(InvalidRequestException.class, () -> recalculations.request(
                new RecalculationRequest(null, clock.instant().plusSeconds(1), List.of(), null, "r", 5)));
        assertThrows(NotFoundException.class, () -> recalculations.get(77));
        assertThrows(InvalidRequestException.class, () -> recalculations.list(0));
        assertEquals(0, Sql.count(services.database().file(), "SELECT count(*) FROM recalculations"));
    }

    /** A use case that must fail with a 409. */
    private static final class CompletionStageAssert {
        static void conflict(Runnable call) {
            RuntimeException failure = assertThrows(RuntimeException.class, call::run);
            assertInstanceOf(ConflictException.class, ServiceException.cause(failure));
        }
    }

    @Test
    void theListShowsTheNewestFirstWithTheirProgress() {
        writeRecords(1, 3);
        Recalculation first = await(recalculations.request(request(List.of("classic"), "one")).join().id());
        Recalculation second = await(recalculations.request(request(List.of("risk-v2"), "two")).join().id());
        assertEquals(List.of(second.id(), first.id()), recalculations.list(10).stream().map(Recalculation::id).toList());
        assertTrue(recalculations.list(10).stream().allMatch(job -> job.processed() == 3));
    }
}
