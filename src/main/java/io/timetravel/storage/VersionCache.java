package io.timetravel.storage;

import io.timetravel.domain.RecordVersion;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded, least-recently-used cache of rebuilt versions, keyed by (record, version).
 *
 * <p>Versions are immutable, so an entry never goes stale and needs no invalidation; the only
 * rule is that the writer adds versions only after their transaction has committed. The bound
 * is on the size of the cached JSON, so a few huge records cannot exhaust memory.
 */
final class VersionCache {

    private final long maxChars;
    private final LinkedHashMap<Key, RecordVersion> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long chars;

    VersionCache(long maxChars) {
        this.maxChars = maxChars;
    }

    synchronized RecordVersion get(long recordId, long version) {
        return entries.get(new Key(recordId, version));
    }

    synchronized void put(RecordVersion value) {
        long weight = weight(value);
        if (weight > maxChars / 4) {
            return; // one huge record would push everything else out
        }
        RecordVersion previous = entries.put(new Key(value.recordId(), value.version()), value);
        if (previous != null) {
            chars -= weight(previous);
        }
        chars += weight;
        Iterator<Map.Entry<Key, RecordVersion>> eldest = entries.entrySet().iterator();
        while (chars > maxChars && eldest.hasNext()) {
            chars -= weight(eldest.next().getValue());
            eldest.remove();
        }
    }

    synchronized void clear() {
        entries.clear();
        chars = 0;
    }

    private static long weight(RecordVersion version) {
        return 128 + version.data().toJson().length();
    }

    private record Key(long recordId, long version) {
    }
}
