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

    @Test
    void evictsTheLeastRecentlyUsedBeyondItsBudget() {
        TimelineCache cache = new TimelineCache(4 * versions(10).footprint());
        cache.publish(1, versions(10));
        cache.publish(2, versions(10));
        cache.get(1);
        cache.publish(3, versions(10));
        cache.publish(4, versions(10));
        cache.publish(5, versions(10));
        assertNull(cache.get(2), "the least recently used goes first");
        assertEquals(10, cache.get(1).size());
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
