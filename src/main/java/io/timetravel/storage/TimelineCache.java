package io.timetravel.storage;

import io.timetravel.domain.RecordTimeline;
import java.lang.ref.SoftReference;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded, least-recently-used cache of records' timelines (every version's facts and own
 * patch, indexed for reads at any instant), keyed by record.
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
    private long bytes;
    /** Bumped by every publish: a load that saw another value may be stale. */
    private long generation;

    TimelineCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized RecordTimeline get(long recordId) {
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
        Slot slot = new Slot(timeline);
        entries.put(recordId, slot);
        bytes += slot.footprint;
        Iterator<Map.Entry<Long, Slot>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().footprint;
            eldest.remove();
        }
    }
}
