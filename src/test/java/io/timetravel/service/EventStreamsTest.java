package io.timetravel.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.EventLogEntry;
import io.timetravel.domain.RecordVersion;
import io.timetravel.storage.SqlEventLog;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live subscriptions and replays on the real store (issue 3, item 5): order, resumption without
 * gaps or duplicates, catch-up from the log after a subscriber falls behind, the bound on open
 * streams, and closing.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventStreamsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private StoreFixture fixture;
    private SqlEventLog log;
    private EventStreams streams;

    @BeforeEach
    void open() {
        fixture = StoreFixture.open(dir.resolve("streams.db"));
        log = new SqlEventLog(fixture.store());
        streams = new EventStreams(log, fixture.records(), new EventStreams.Limits(3, 1024, 8L * 1024 * 1024));
    }

    @AfterEach
    void close() {
        streams.close();
        fixture.close();
    }

    @Test
    void liveSubscriptionDeliversOnlyChangesCommittedAfterIt() throws Exception {
        fixture.write(1, "{\"a\":1}");
        fixture.write(1, "{\"a\":2}");

        try (LiveSubscription subscription = streams.subscribe(null)) {
            fixture.write(1, "{\"a\":3}");
            fixture.write(2, "{\"b\":1}");

            List<EventLogEntry> received = collect(subscription, 2);
            assertEquals(List.of(3L, 1L), received.stream().map(EventLogEntry::version).toList());
            assertEquals(List.of(1L, 2L), received.stream().map(EventLogEntry::recordId).toList());
            assertEquals(idsAfter(2), ids(received));
            assertEquals(RecordService.EVENT_RECORD_WRITTEN, received.get(0).eventType());
            assertEquals(List.of(), subscription.next(Duration.ofMillis(50)), "nothing else arrives");
        }
    }

    @Test
    void resumingAfterAnEventIdDeliversExactlyTheMissedEventsThenLiveOnes() throws Exception {
        for (int i = 1; i <= 6; i++) {
            fixture.write(5, "{\"n\":" + i + "}");
        }
        long seen = log.after(0, 10).get(1).id();

        try (LiveSubscription subscription = streams.subscribe(seen)) {
            fixture.write(5, "{\"n\":7}");
            fixture.write(5, "{\"n\":8}");

            List<EventLogEntry> received = collect(subscription, 6);
            assertEquals(idsAfter(seen), ids(received));
            assertEquals(List.of(3L, 4L, 5L, 6L, 7L, 8L), received.stream().map(EventLogEntry::version).toList());
            assertEquals(List.of(), subscription.next(Duration.ofMillis(50)), "no duplicate follows");
        }
    }

    @Test
    void resumingWhileWritersKeepCommittingLeavesNoGapAndNoDuplicate() throws Exception {
        for (int round = 0; round < 5; round++) {
            long start = log.lastId();
            List<CompletableFuture<WriteOutcome>> writes = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                writes.add(write(10 + i % 7, i));
            }
            // Subscribed in the middle of a burst: some events are in the log only, some commit
            // while the log is read, the rest arrive live.
            try (LiveSubscription subscription = streams.subscribe(start)) {
                for (int i = 60; i < 200; i++) {
                    writes.add(write(10 + i % 7, i));
                }
                CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

                assertEquals(idsAfter(start), ids(collect(subscription, 200)), "round " + round);
                assertEquals(List.of(), subscription.next(Duration.ofMillis(20)), "round " + round);
            }
        }
    }

    private CompletableFuture<WriteOutcome> write(long id, int n) {
        return fixture.records().write(new WriteCommand(id, StoreFixture.json("{\"i\":" + n + "}"), null, 7, null, "test", null));
    }

    @Test
    void aSubscriberThatFallsBehindCatchesUpFromTheLogWithoutLosingEvents() throws Exception {
        EventStreams tight = new EventStreams(log, fixture.records(), new EventStreams.Limits(2, 3, 8L * 1024 * 1024));
        try (LiveSubscription subscription = tight.subscribe(null)) {
            long start = subscription.position();
            for (int i = 1; i <= 40; i++) {
                // The subscriber reads nothing meanwhile; its buffer holds 3, and writes go on.
                fixture.write(20, "{\"n\":" + i + "}");
            }

            List<EventLogEntry> received = collect(subscription, 40);
            assertEquals(idsAfter(start), ids(received));
            assertEquals(LongStream.rangeClosed(1, 40).boxed().toList(), received.stream().map(EventLogEntry::version).toList());
            assertTrue(subscription.catchUps() >= 1, "it fell behind and read the log");

            fixture.write(20, "{\"n\":41}");
            assertEquals(41L, collect(subscription, 1).get(0).version(), "and then continues live");
        } finally {
            tight.close();
        }
    }

    @Test
    void largeEventsOverflowTheByteBoundAndAreStillAllDelivered() throws Exception {
        EventStreams tight = new EventStreams(log, fixture.records(), new EventStreams.Limits(2, 1000, 64 * 1024));
        String big = "x".repeat(40_000);
        try (LiveSubscription subscription = tight.subscribe(null)) {
            long start = subscription.position();
            for (int i = 1; i <= 10; i++) {
                fixture.write(21, "{\"text\":\"" + big + i + "\"}");
            }
            assertEquals(idsAfter(start), ids(collect(subscription, 10)));
            assertTrue(subscription.catchUps() >= 1);
        } finally {
            tight.close();
        }
    }

    @Test
    void aPositionPastTheNewestEventResumesFromTheNewest() throws Exception {
        fixture.write(22, "{\"a\":1}");
        try (LiveSubscription subscription = streams.subscribe(1_000_000L)) {
            fixture.write(22, "{\"a\":2}");
            assertEquals(2L, collect(subscription, 1).get(0).version());
        }
    }

    @Test
    void negativeLastEventIdIsRefused() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> streams.subscribe(-1L));
        assertTrue(refused.getMessage().contains("Last-Event-ID"), refused.getMessage());
        assertEquals(0, streams.openStreams());
    }

    @Test
    void streamsPastTheLimitAreRefusedUntilOneCloses() {
        fixture.write(30, "{\"a\":1}");
        LiveSubscription first = streams.subscribe(null);
        RecordReplay second = streams.replay(30);
        LiveSubscription third = streams.subscribe(0L);
        assertEquals(3, streams.openStreams());

        TooManyStreamsException refused = assertThrows(TooManyStreamsException.class, () -> streams.subscribe(null));
        assertEquals("too many open event streams (limit 3); retry later", refused.getMessage());
        assertThrows(TooManyStreamsException.class, () -> streams.replay(30));

        second.close();
        second.close();
        assertEquals(2, streams.openStreams(), "closing twice frees one slot only");
        streams.replay(30).close();
        first.close();
        third.close();
        assertEquals(0, streams.openStreams());
    }

    @Test
    void replayGivesEveryVersionInOrderWithTheIdOfItsEvent() {
        for (int i = 1; i <= 250; i++) {
            fixture.write(40, "{\"n\":" + i + "}");
            if (i % 50 == 0) {
                fixture.write(41, "{\"other\":" + i + "}");
            }
        }
        List<Long> eventIds = log.forRecord(40, 1000, 0).items().stream().map(EventLogEntry::id).toList();

        List<RecordReplay.Step> steps = new ArrayList<>();
        try (RecordReplay replay = streams.replay(40)) {
            List<RecordReplay.Step> page;
            while (!(page = replay.next()).isEmpty()) {
                assertTrue(page.size() <= RecordReplay.PAGE, "read a page at a time");
                steps.addAll(page);
            }
        }

        assertEquals(250, steps.size());
        assertEquals(eventIds, steps.stream().map(RecordReplay.Step::eventId).toList());
        for (int i = 0; i < steps.size(); i++) {
            RecordVersion version = steps.get(i).version();
            assertEquals(i + 1, version.version());
            assertEquals(StoreFixture.json("{\"n\":" + (i + 1) + "}"), version.data());
        }
        assertEquals(0, streams.openStreams());
    }

    @Test
    void replayEndsWithTheVersionsThatExistedWhenItOpened() {
        fixture.write(42, "{\"n\":1}");
        fixture.write(42, "{\"n\":2}");
        try (RecordReplay replay = streams.replay(42)) {
            fixture.write(42, "{\"n\":3}");
            assertEquals(List.of(1L, 2L), replay.next().stream().map(step -> step.version().version()).toList());
            assertEquals(List.of(), replay.next());
        }
    }

    @Test
    void replayOfAnUnknownRecordIsNotFoundAndTakesNoSlot() {
        NotFoundException missing = assertThrows(NotFoundException.class, () -> streams.replay(999));
        assertEquals("record 999 not found", missing.getMessage());
        assertEquals(0, streams.openStreams());
    }

    @Test
    void closingEndsWaitingSubscribersAndRefusesNewStreams() throws Exception {
        LiveSubscription subscription = streams.subscribe(null);
        CompletableFuture<List<EventLogEntry>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return subscription.next(Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        streams.close();

        assertNull(waiting.get(5, TimeUnit.SECONDS), "the waiting subscriber is told the stream is over");
        subscription.close();
        assertEquals(0, streams.openStreams());
        assertThrows(StoreUnavailableException.class, () -> streams.subscribe(null));
    }

    /** Reads until {@code count} events arrived. */
    private static List<EventLogEntry> collect(LiveSubscription subscription, int count) throws InterruptedException {
        List<EventLogEntry> received = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (received.size() < count) {
            List<EventLogEntry> batch = subscription.next(Duration.ofMillis(200));
            assertNotNull(batch, "subscription closed early");
            received.addAll(batch);
            assertTrue(System.nanoTime() < deadline, "only " + received.size() + " of " + count + " events arrived");
        }
        return received;
    }

    private List<Long> idsAfter(long id) {
        return log.after(id, 100_000).stream().map(EventLogEntry::id).toList();
    }

    private static List<Long> ids(List<EventLogEntry> entries) {
        return entries.stream().map(EventLogEntry::id).collect(Collectors.toList());
    }
}
