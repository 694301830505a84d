package io.timetravel.storage;

import io.timetravel.domain.Instants;
import io.timetravel.domain.Operation;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.domain.json.MergePatch;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Rebuilds a version's state: the nearest already-known state at or after its checkpoint (a
 * cached neighbour, else the checkpoint's full data), then the patches up to the version. The
 * work is bounded by the checkpoint policy, never by the number of versions the record has.
 */
final class VersionAssembler {

    /** Where rebuilt versions are looked up and kept. */
    interface Cache {
        RecordVersion get(long recordId, long version);

        void put(RecordVersion version);
    }

    /** Stored states were checked on the way in; this only guards the stack against a hand edit. */
    private static final int STORED_MAX_DEPTH = 1_000;

    private VersionAssembler() {
    }

    static Optional<RecordVersion> load(VersionQueries queries, Cache cache, long recordId, Optional<VersionLocation> location) {
        return location.map(found -> load(queries, cache, recordId, found));
    }

    static RecordVersion load(VersionQueries queries, Cache cache, long recordId, VersionLocation location) {
        long target = location.version();
        RecordVersion cached = cache.get(recordId, target);
        if (cached != null) {
            return cached;
        }
        RecordVersion start = null;
        for (long k = target - 1; k >= location.checkpointVersion(); k--) {
            start = cache.get(recordId, k);
            if (start != null) {
                break;
            }
        }
        long from = start == null ? location.checkpointVersion() : start.version() + 1;
        List<VersionRow> rows = queries.range(recordId, from, target);
        RecordVersion version = assemble(recordId, target, start, from, rows, () -> queries.policyholder(recordId)
                .map(p -> Instants.parseStored(p.createdAt()))
                .orElseThrow(() -> new CorruptStoreException("record " + recordId + " has versions but no policyholder row")));
        cache.put(version);
        return version;
    }

    /**
     * Rebuilds version {@code target} from {@code start} (or, when {@code null}, from the checkpoint
     * that {@code rows} begin with) and the rows {@code from..target} in version order.
     */
    static RecordVersion assemble(long recordId, long target, RecordVersion start, long from, List<VersionRow> rows,
                                  Supplier<Instant> createdAtOfRecord) {
        if (rows.isEmpty() || rows.get(rows.size() - 1).version() != target) {
            throw new CorruptStoreException("record " + recordId + " is missing rows " + from + ".." + target);
        }
        JsonObject state = start == null ? null : start.data();
        Instant createdAt = start == null ? null : start.createdAt();
        for (VersionRow row : rows) {
            if (row.data() != null) {
                state = parse(row.data(), recordId, row.version());
            } else if (state == null) {
                throw new CorruptStoreException("record " + recordId + " has no checkpoint at version " + row.version());
            } else {
                state = MergePatch.apply(state, parse(row.patch(), recordId, row.version()));
            }
        }
        if (createdAt == null) {
            createdAt = createdAtOfRecord.get();
        }
        VersionRow last = rows.get(rows.size() - 1);
        return new RecordVersion(
                recordId,
                target,
                state,
                createdAt,
                Instants.parseStored(last.effectiveAt()),
                Instants.parseStored(last.recordedAt()),
                last.actor(),
                Operation.valueOf(last.operation()),
                last.reason());
    }

    private static JsonObject parse(String json, long recordId, long version) {
        try {
            return JsonParser.parseObject(json, STORED_MAX_DEPTH);
        } catch (JsonParseException e) {
            throw new CorruptStoreException("record " + recordId + " version " + version + " holds invalid JSON: " + e.getMessage());
        }
    }
}
