package io.timetravel.storage;

import io.timetravel.domain.RecordTimeline;
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
 */
final class TimelineCache {

    /** A rough size of one cached version (facts, patch and index entries), in bytes. */
    static final long BYTES_PER_VERSION = 512;

    private final long maxVersions;
    private final LinkedHashMap<Long, RecordTimeline> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long versions;
    /** Bumped by every publish: a load that saw another value may be stale. */
    private long generation;

    TimelineCache(long maxBytes) {
        this.maxVersions = Math.max(1, maxBytes / BYTES_PER_VERSION);
    }

    synchronized RecordTimeline get(long recordId) {
        return entries.get(recordId);
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
        if (timeline.size() > maxVersions / 4) {
            return; // one huge record would push everything else out
        }
        RecordTimeline previous = entries.get(recordId);
        if (previous != null && previous.size() >= timeline.size()) {
            return;
        }
        entries.put(recordId, timeline);
        versions += timeline.size() - (previous == null ? 0 : previous.size());
        Iterator<Map.Entry<Long, RecordTimeline>> eldest = entries.entrySet().iterator();
        while (versions > maxVersions && eldest.hasNext()) {
            versions -= eldest.next().getValue().size();
            eldest.remove();
        }
    }
}
