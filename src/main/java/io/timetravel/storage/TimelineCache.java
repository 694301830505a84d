package io.timetravel.storage;

import io.timetravel.domain.RecordTimeline;
import java.lang.ref.SoftReference;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded cache of records' timelines (every version's facts and own patch, indexed for reads at
 * any instant), keyed by record: least recently used out first, and a record not cached yet comes
 * in only when it was asked for more often lately than what it would push out.
 *
 * <p>Timelines are immutable and only grow. The writer publishes a record's timeline after the
 * commit that extended it; a reader offers one it loaded, which is kept only if no commit was
 * published while it loaded (else it might be older than what was committed, and the writer,
 * which continues from cached timelines, would number a version twice). Of two timelines of a
 * record the longer one stays.
 *
 * <p>The budget is in bytes as {@link RecordTimeline#footprint()} estimates them, not in
 * versions: a count of versions kept a few MB of small records but gigabytes of large ones (50
 * writers of 900 KB records ran a 128 MB server out of heap). Timelines are held softly as well:
 * when requests need the memory (large records read and written at once), the JVM clears cached
 * timelines before it fails an allocation, and they are read again from the database.
 *
 * <p>Why the admission ({@link AccessFrequency}): records written in turn are a cycle, and a cycle
 * larger than the cache is the worst case of plain LRU. Each write pushed out the record to be
 * written next, so once the records written in turn outgrew the budget, every write missed and
 * read its record's whole history again (decision 0045). Now a newcomer that is no more often
 * asked for than the least recently used timeline is served but not kept, and the timelines
 * already cached keep being hits.
 */
final class TimelineCache {

    /** A cached timeline, with what it counts for: its size and footprint stay known once it is cleared. */
    private static final class Slot {
        final SoftReference<RecordTimeline> timeline;
        final int size;
        final long footprint;

        Slot(RecordTimeline timeline) {
            this.timeline = new SoftReference<>(timeline);
            this.size = timeline.size();
            this.footprint = timeline.footprint();
        }
    }

    private final long maxBytes;
    private final LinkedHashMap<Long, Slot> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private final AccessFrequency frequency = new AccessFrequency();
    private long bytes;
    /** Bumped by every publish: a load that saw another value may be stale. */
    private long generation;

    TimelineCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized RecordTimeline get(long recordId) {
        frequency.record(recordId, entries.size());
        Slot slot = entries.get(recordId);
        if (slot == null) {
            return null;
        }
        RecordTimeline timeline = slot.timeline.get();
        if (timeline == null) {
            forget(recordId, slot);
        }
        return timeline;
    }

    private void forget(long recordId, Slot slot) {
        entries.remove(recordId);
        bytes -= slot.footprint;
    }

    /** To read before loading a timeline, and to give to {@link #offerLoaded}. */
    synchronized long generation() {
        return generation;
    }

    /** A timeline the writer extended and committed. */
    synchronized void publish(long recordId, RecordTimeline timeline) {
        generation++;
        keep(recordId, timeline);
    }

    /** A timeline loaded from the database, kept only if nothing was published since {@code generationBefore}. */
    synchronized void offerLoaded(long recordId, RecordTimeline timeline, long generationBefore) {
        if (generation == generationBefore) {
            keep(recordId, timeline);
        }
    }

    /** Keeps {@code timeline} unless the cache already holds a longer one of the record. */
    private void keep(long recordId, RecordTimeline timeline) {
        Slot previous = entries.get(recordId);
        if (previous != null && previous.size >= timeline.size() && previous.timeline.get() != null) {
            return;
        }
        if (previous != null) {
            forget(recordId, previous); // shorter, or cleared
        }
        if (timeline.footprint() > maxBytes / 4) {
            return; // one huge record would push everything else out (and its older copy is gone)
        }
        if (previous == null && !admits(recordId, timeline.footprint())) {
            return;
        }
        Slot slot = new Slot(timeline);
        entries.put(recordId, slot);
        bytes += slot.footprint;
        Iterator<Map.Entry<Long, Slot>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().footprint;
            eldest.remove();
        }
    }

    /**
     * Whether a record not cached may come in: when it fits, or when it was asked for more often
     * lately than the least recently used timeline it would push out first. A tie keeps what is
     * cached: in a cycle every record is asked for as often as the next.
     */
    private boolean admits(long recordId, long footprint) {
        if (bytes + footprint <= maxBytes || entries.isEmpty()) {
            return true;
        }
        long victim = entries.keySet().iterator().next();
        return frequency.estimate(recordId) > frequency.estimate(victim);
    }
}
