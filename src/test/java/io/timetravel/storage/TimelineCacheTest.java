package io.timetravel.storage;

import static io.timetravel.testing.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.Operation;
import io.timetravel.domain.RecordTimeline;
import io.timetravel.domain.VersionInfo;
import io.timetravel.domain.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cache never lets a timeline loaded before a commit stand in for what was committed. */
class TimelineCacheTest {

    private static RecordTimeline versions(int count) {
        List<RecordTimeline.Entry> entries = new ArrayList<>();
        for (int v = 1; v <= count; v++) {
            Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(v);
            entries.add(new RecordTimeline.Entry(new VersionInfo(1, v, at, null, at, 7, Operation.UPDATE, null), json("{\"v\":" + v + "}")));
        }
        return RecordTimeline.of(entries);
    }

    private static RecordTimeline large(int count, int chars) {
        List<RecordTimeline.Entry> entries = new ArrayList<>();
        for (int v = 1; v <= count; v++) {
            Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(v);
            String note = "x".repeat(chars - 1) + v;
            entries.add(new RecordTimeline.Entry(new VersionInfo(1, v, at, null, at, 7, Operation.UPDATE, null),
                    JsonObject.builder().put("note", note).build()));
        }
        return RecordTimeline.of(entries);
    }

    @Test
    void aLoadThatAPublishOvertookIsNotKept() {
        TimelineCache cache = new TimelineCache(1 << 20);
        long before = cache.generation();
        cache.publish(2, versions(1)); // a commit of another record while record 1 was loading
        cache.offerLoaded(1, versions(4), before);
        assertNull(cache.get(1));

        cache.offerLoaded(1, versions(4), cache.generation());
        assertEquals(4, cache.get(1).size());
    }

    @Test
    void theLongerTimelineOfARecordStays() {
        TimelineCache cache = new TimelineCache(1 << 20);
        cache.publish(1, versions(5));
        cache.offerLoaded(1, versions(4), cache.generation());
        assertEquals(5, cache.get(1).size());
        cache.publish(1, versions(6));
        assertEquals(6, cache.get(1).size());
    }

    /** What the writer does: looks the record up, then publishes what it committed; whether it hit. */
    private static boolean write(TimelineCache cache, long recordId, RecordTimeline committed) {
        boolean hit = cache.get(recordId) != null;
        cache.publish(recordId, committed);
        return hit;
    }

    @Test
    void evictsTheLeastRecentlyUsedForANewcomerAskedForMoreOften() {
        TimelineCache cache = new TimelineCache(4 * versions(10).footprint());
        write(cache, 1, versions(10));
        write(cache, 2, versions(10));
        cache.get(1);
        write(cache, 3, versions(10));
        write(cache, 4, versions(10));
        cache.get(5);
        write(cache, 5, versions(10));
        assertNull(cache.get(2), "the least recently used goes first");
        assertEquals(10, cache.get(1).size());
        assertEquals(10, cache.get(5).size());
    }

    @Test
    void aNewcomerAskedForNoMoreOftenThanWhatItWouldPushOutIsNotKept() {
        TimelineCache cache = new TimelineCache(4 * versions(10).footprint());
        for (long record = 1; record <= 4; record++) {
            write(cache, record, versions(10));
        }
        write(cache, 5, versions(10));
        assertNull(cache.get(5));
        for (long record = 1; record <= 4; record++) {
            assertEquals(10, cache.get(record).size(), "record " + record + " stays");
        }
    }

    @Test
    void recordsWrittenInTurnBeyondTheBudgetStillMostlyHit() {
        // Six records written in turn, in a cache that holds four of them. Plain LRU pushes out the
        // record to be written next at every write, so from the second round on none hit (decision
        // 0045); now the four cached stay cached.
        RecordTimeline timeline = versions(40);
        TimelineCache cache = new TimelineCache(4 * timeline.footprint() + timeline.footprint() / 2);
        int hits = 0;
        for (int round = 1; round <= 20; round++) {
            for (long record = 1; record <= 6; record++) {
                if (write(cache, record, timeline) && round > 1) {
                    hits++;
                }
            }
        }
        assertEquals(4 * 19, hits, "hits in rounds 2 to 20");
    }

    @Test
    void countsWhatTimelinesHoldNotHowManyVersions() {
        // 100 versions of 100 KB records take about 20 MB of heap: a 4 MB cache keeps none of them,
        // though it keeps a thousand small versions.
        RecordTimeline large = large(100, 100_000);
        assertTrue(large.footprint() > 100 * 100_000, "a footprint of " + large.footprint());
        TimelineCache cache = new TimelineCache(4 << 20);
        cache.publish(1, large);
        assertNull(cache.get(1));
        cache.publish(2, versions(1000));
        assertEquals(1000, cache.get(2).size());
    }

    @Test
    void aTimelineThatOutgrowsTheCacheLeavesNoOlderCopyBehind() {
        // The writer continues from the cached timeline: an older copy left there would number the
        // next version again.
        RecordTimeline small = large(2, 100_000);
        TimelineCache cache = new TimelineCache(4 * small.footprint() + 1);
        cache.publish(1, small);
        assertEquals(2, cache.get(1).size());
        cache.publish(1, large(20, 100_000));
        assertNull(cache.get(1));
        cache.offerLoaded(1, large(20, 100_000), cache.generation());
        assertNull(cache.get(1));
    }
}
