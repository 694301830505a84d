package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.EVENT_LOGS;
import static io.timetravel.storage.jooq.Tables.POLICYHOLDER_RECORDS;

import io.timetravel.domain.StoredEvent;
import io.timetravel.domain.StoredVersionRow;
import io.timetravel.service.LedgerService;
import io.timetravel.storage.jooq.tables.EventLogs;
import io.timetravel.storage.jooq.tables.PolicyholderRecords;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.DSL;

/**
 * The ledger's rows read as stored text (docs/decisions/0021): events with the version rows they
 * record, for verifying the ledger and for chaining it. Hashes cover stored text, so every column
 * is read as text, never converted.
 */
final class LedgerRows {

    private static final EventLogs E = EVENT_LOGS;
    private static final PolicyholderRecords P = POLICYHOLDER_RECORDS;

    private static final Field<String> E_RECORD_ID = E.RECORD_ID.coerce(String.class);
    private static final Field<String> E_VERSION = E.VERSION.coerce(String.class);
    private static final Field<String> E_ACTOR = E.ACTOR.coerce(String.class);
    private static final Field<String> E_AUDIT_ID = E.AUDIT_ID.coerce(String.class);

    private static final Field<String> P_RECORD_ID = P.RECORD_ID.coerce(String.class).as("p_record_id");
    private static final Field<String> P_VERSION = P.VERSION.coerce(String.class).as("p_version");
    private static final Field<String> P_CHECKPOINT = P.CHECKPOINT_VERSION.coerce(String.class).as("p_checkpoint_version");
    private static final Field<String> P_ACTOR = P.ACTOR.coerce(String.class).as("p_actor");

    private static final List<SelectField<?>> EVENT_COLUMNS = List.of(E.ID, E.EVENT_TYPE, E_RECORD_ID, E_VERSION, E.OCCURRED_AT, E_ACTOR,
            E.PAYLOAD, E.PREV_HASH, E.HASH, E.VERSION_SHA256, E_AUDIT_ID, E.AUDIT_HASH);
    private static final List<SelectField<?>> VERSION_COLUMNS = List.of(P_RECORD_ID, P_VERSION, P.DATA, P.PATCH, P_CHECKPOINT,
            P.EFFECTIVE_AT, P.VALID_TO, P.RECORDED_AT, P.UPDATED_AT, P_ACTOR, P.OPERATION, P.REASON, P.METADATA, P.APPLIED_PATCH);

    /** One event and the version row it records, or {@code null} when it records none or the row is gone. */
    record Row(StoredEvent event, StoredVersionRow version) {
    }

    private LedgerRows() {
    }

    /**
     * Up to {@code limit} events of {@code lane} after {@code afterId} in id order, each with the
     * version row its (record_id, version) names when it is a record event.
     */
    static List<Row> eventsAfter(DSLContext dsl, long lane, long afterId, int limit) {
        return eventsAfter(dsl, E.LANE.eq(lane), afterId, limit);
    }

    /**
     * {@link #eventsAfter(DSLContext, long, long, int)} without regard to lanes: for the migration
     * that started the ledger, which runs before the column existed.
     */
    static List<Row> eventsAfter(DSLContext dsl, long afterId, int limit) {
        return eventsAfter(dsl, DSL.noCondition(), afterId, limit);
    }

    private static List<Row> eventsAfter(DSLContext dsl, Condition lane, long afterId, int limit) {
        List<SelectField<?>> columns = new java.util.ArrayList<>(EVENT_COLUMNS);
        columns.addAll(VERSION_COLUMNS);
        Condition recordsIt = P.RECORD_ID.eq(E.RECORD_ID).and(P.VERSION.eq(E.VERSION)).and(E.EVENT_TYPE.in(LedgerService.RECORD_EVENT_TYPES));
        return dsl.select(columns)
                .from(E)
                .leftJoin(P).on(recordsIt)
                .where(lane)
                .and(E.ID.gt(afterId))
                .orderBy(E.ID)
                .limit(limit)
                .fetch(row -> new Row(event(row), row.get(P_RECORD_ID) == null ? null : version(row)));
    }

    /** The version row {@code (recordId, version)} as stored, or {@code null}. */
    static StoredVersionRow version(DSLContext dsl, long recordId, long version) {
        return dsl.select(VERSION_COLUMNS).from(P).where(P.RECORD_ID.eq(recordId)).and(P.VERSION.eq(version))
                .fetchOne(LedgerRows::version);
    }

    private static StoredEvent event(Record row) {
        return new StoredEvent(row.get(E.ID), row.get(E.EVENT_TYPE), row.get(E_RECORD_ID), row.get(E_VERSION), row.get(E.OCCURRED_AT),
                row.get(E_ACTOR), row.get(E.PAYLOAD), row.get(E.PREV_HASH), row.get(E.HASH), row.get(E.VERSION_SHA256),
                row.get(E_AUDIT_ID), row.get(E.AUDIT_HASH));
    }

    private static StoredVersionRow version(Record row) {
        return new StoredVersionRow(row.get(P_RECORD_ID), row.get(P_VERSION), row.get(P.DATA), row.get(P.PATCH), row.get(P_CHECKPOINT),
                row.get(P.EFFECTIVE_AT), row.get(P.VALID_TO), row.get(P.RECORDED_AT), row.get(P.UPDATED_AT), row.get(P_ACTOR),
                row.get(P.OPERATION), row.get(P.REASON), row.get(P.METADATA), row.get(P.APPLIED_PATCH));
    }
}
