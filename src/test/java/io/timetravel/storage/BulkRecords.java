package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.POLICYHOLDERS;
import static io.timetravel.storage.jooq.Tables.POLICYHOLDER_RECORDS;

import io.timetravel.domain.Instants;
import io.timetravel.domain.PolicyholderFacts;
import io.timetravel.domain.json.JsonObject;
import java.time.Instant;
import java.util.function.LongFunction;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;

/**
 * Loads many records quickly for volume tests: JDBC batches of prepared inserts through the
 * single writer, many thousand rows per transaction. Every row is a checkpoint (whole state), as
 * the store itself could have written it.
 */
public final class BulkRecords {

    private static final int PER_TRANSACTION = 20_000;

    private BulkRecords() {
    }

    /** Creates records {@code first..first+count-1}, version 1, with the given states; returns their recorded instant. */
    public static Instant create(SqlRecordStore store, long first, int count, LongFunction<JsonObject> state) {
        Instant last = null;
        for (long start = first; start < first + count; start += PER_TRANSACTION) {
            long from = start;
            long to = Math.min(first + count, start + PER_TRANSACTION);
            last = store.writer().submit(session -> {
                String now = Instants.format(session.recordedAt());
                DSLContext dsl = session.dsl();
                BatchBindStep holders = dsl.batch(dsl.insertInto(POLICYHOLDERS,
                        POLICYHOLDERS.ID, POLICYHOLDERS.CREATED_AT, POLICYHOLDERS.CREATED_BY, POLICYHOLDERS.REGION, POLICYHOLDERS.NAME,
                        POLICYHOLDERS.LATEST_VERSION, POLICYHOLDERS.UPDATED_AT, POLICYHOLDERS.UPDATED_BY)
                        .values((Long) null, null, null, null, null, null, null, null));
                BatchBindStep versions = versionBatch(dsl);
                for (long id = from; id < to; id++) {
                    JsonObject data = state.apply(id);
                    holders.bind(id, now, 1L, PolicyholderFacts.region(data).orElse(null), PolicyholderFacts.name(data).orElse(null),
                            1L, now, 1L);
                    bindVersion(versions, id, 1, data, now);
                }
                holders.execute();
                versions.execute();
                return session.recordedAt();
            }).join();
        }
        return last;
    }

    /** Adds the next version (a checkpoint) to each of the given records, which must have exactly one version. */
    public static Instant updateEach(SqlRecordStore store, long first, long last, long step, LongFunction<JsonObject> state) {
        return store.writer().submit(session -> {
            String now = Instants.format(session.recordedAt());
            DSLContext dsl = session.dsl();
            BatchBindStep versions = versionBatch(dsl);
            BatchBindStep holders = dsl.batch(dsl.update(POLICYHOLDERS)
                    .set(POLICYHOLDERS.LATEST_VERSION, (Long) null)
                    .set(POLICYHOLDERS.UPDATED_AT, (String) null)
                    .where(POLICYHOLDERS.ID.eq((Long) null)));
            for (long id = first; id <= last; id += step) {
                bindVersion(versions, id, 2, state.apply(id), now);
                holders.bind(2L, now, id);
            }
            versions.execute();
            holders.execute();
            return session.recordedAt();
        }).join();
    }

    private static BatchBindStep versionBatch(DSLContext dsl) {
        return dsl.batch(dsl.insertInto(POLICYHOLDER_RECORDS,
                POLICYHOLDER_RECORDS.RECORD_ID, POLICYHOLDER_RECORDS.VERSION, POLICYHOLDER_RECORDS.DATA, POLICYHOLDER_RECORDS.PATCH,
                POLICYHOLDER_RECORDS.CHECKPOINT_VERSION, POLICYHOLDER_RECORDS.EFFECTIVE_AT, POLICYHOLDER_RECORDS.RECORDED_AT,
                POLICYHOLDER_RECORDS.UPDATED_AT, POLICYHOLDER_RECORDS.ACTOR, POLICYHOLDER_RECORDS.OPERATION,
                POLICYHOLDER_RECORDS.REASON, POLICYHOLDER_RECORDS.METADATA, POLICYHOLDER_RECORDS.APPLIED_PATCH)
                .values((Long) null, null, null, null, null, null, null, null, null, null, null, null, null));
    }

    private static void bindVersion(BatchBindStep batch, long id, long version, JsonObject data, String now) {
        String json = data.toJson();
        // Every version states the whole record (same keys each time): as a patch it sets exactly that state.
        batch.bind(id, version, json, json, version, now, now, now, 1L, version == 1 ? "CREATE" : "UPDATE", null, "{}", json);
    }
}
