package io.timetravel.storage;

import io.timetravel.domain.RecordTimeline;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded, least-recently-used cache of records' timelines (every version's facts and own
 * patch, indexed for reads at any instant), keyed by record.
 *
 * <p>Timelines are immutable and only grow. The writer offers a record's timeline after the
 * commit that extended it; a reader offers one it loaded. Whichever holds more versions stays,
 * so a reader that loaded before a commit can never put an older timeline back over a newer one.
 */
final class TimelineCache {

    /** A rough size of one cached version (facts, patch and index entries), in bytes. */
    static final long BYTES_PER_VERSION = 512;

    private final long maxVersions;
    private final LinkedHashMap<Long, RecordTimeline> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long versions;

    TimelineCache(long maxBytes) {
        this.maxVersions = Math.max(1, maxBytes / BYTES_PER_VERSION);
    }

    synchronized RecordTimeline get(long recordId) {
        return entries.get(recordId);
    }

    /** Keeps {@code timeline} unless the cache already holds a longer one of the record. */
    synchronized void offer(long recordId, RecordTimeline timeline) {
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
