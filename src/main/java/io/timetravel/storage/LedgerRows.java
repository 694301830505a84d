package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.EVENT_LOGS;
import static io.timetravel.storage.jooq.Tables.POLICYHOLDER_RECORDS;
import static io.timetravel.storage.jooq.Tables.VERSION_ROWS;
import static io.timetravel.storage.jooq.Tables.VERSION_ROWS_AS_WRITTEN;

import io.timetravel.domain.StoredEvent;
import io.timetravel.domain.StoredVersionRow;
import io.timetravel.service.LedgerService;
import io.timetravel.storage.jooq.tables.EventLogs;
import io.timetravel.storage.jooq.tables.PolicyholderRecords;
import io.timetravel.storage.jooq.tables.VersionRowsAsWritten;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.SelectField;
import org.jooq.SelectJoinStep;
import org.jooq.impl.DSL;

/**
 * The ledger's rows read as stored text (docs/decisions/0021): events with the version rows they
 * record, for verifying the ledger and for chaining it. Hashes cover stored text, so every column
 * is read as text, never converted.
 *
 * <p>On SQLite, a record event kept in its version row since V16 stores no {@code version_sha256}
 * (docs/decisions/0048): it is the SHA-256 of that row, computed here from the row as it was
 * written: from {@code version_rows_as_written} once a change by hand has touched the row (the
 * triggers keep it there first), else from the row itself, which nothing has changed.
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
    /** A version row's columns as text, in the order of {@link StoredVersionRow}'s components. */
    private static final List<Field<String>> VERSION_COLUMNS = List.of(P_RECORD_ID, P_VERSION, P.DATA, P.PATCH, P_CHECKPOINT,
            P.EFFECTIVE_AT, P.VALID_TO, P.RECORDED_AT, P.UPDATED_AT, P_ACTOR, P.OPERATION, P.REASON, P.METADATA, P.APPLIED_PATCH);

    private static final VersionRowsAsWritten W = VERSION_ROWS_AS_WRITTEN;
    private static final Field<Long> W_EVENT_ID = W.EVENT_ID.as("w_event_id");
    /** The same columns of the row as {@code version_rows_as_written} kept it. */
    private static final List<Field<String>> WRITTEN_COLUMNS = List.of(
            W.RECORD_ID.coerce(String.class).as("w_record_id"), W.VERSION.coerce(String.class).as("w_version"), W.DATA.as("w_data"),
            W.PATCH.as("w_patch"), W.CHECKPOINT_VERSION.coerce(String.class).as("w_checkpoint_version"),
            W.EFFECTIVE_AT.as("w_effective_at"), W.VALID_TO.as("w_valid_to"), W.RECORDED_AT.as("w_recorded_at"),
            W.UPDATED_AT.as("w_updated_at"), W.ACTOR.coerce(String.class).as("w_actor"), W.OPERATION.as("w_operation"),
            W.REASON.as("w_reason"), W.METADATA.as("w_metadata"), W.APPLIED_PATCH.as("w_applied_patch"));
    /** Whether the event is kept in its version row (V12's entries_shown, bit 2). */
    private static final Field<Boolean> KEPT = DSL.field(DSL.exists(DSL.selectOne().from(VERSION_ROWS)
            .where(VERSION_ROWS.EVENT_ID.eq(E.ID)).and(VERSION_ROWS.ENTRIES_SHOWN.bitAnd(VersionEntries.EVENT_SHOWN)
                    .eq(VersionEntries.EVENT_SHOWN)))).as("kept");

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
        return eventsAfter(dsl, E.LANE.eq(lane), true, afterId, limit);
    }

    /**
     * {@link #eventsAfter(DSLContext, long, long, int)} without regard to lanes: for the migration
     * that started the ledger, which runs before the column existed.
     */
    static List<Row> eventsAfter(DSLContext dsl, long afterId, int limit) {
        return eventsAfter(dsl, DSL.noCondition(), false, afterId, limit);
    }

    private static List<Row> eventsAfter(DSLContext dsl, Condition lane, boolean current, long afterId, int limit) {
        return select(dsl, current)
                .where(lane)
                .and(E.ID.gt(afterId))
                .orderBy(E.ID)
                .limit(limit)
                .fetch(LedgerRows::row);
    }

    /**
     * {@code events}, rows of event_logs' {@code fields} as read, with the {@code version_sha256}
     * that SQLite leaves to be computed (V16) written in: for a copy into a database that stores
     * it, as every event's own hash covers it. Events that store theirs, or have none, stay as read.
     */
    static List<Object[]> withComputedDigests(DSLContext dsl, List<Field<?>> fields, List<Object[]> events) {
        int id = fields.indexOf(E.ID);
        int digest = fields.indexOf(E.VERSION_SHA256);
        List<Long> missing = events.stream().filter(values -> values[digest] == null).map(values -> (Long) values[id]).toList();
        if (!computesDigests(dsl, true) || missing.isEmpty()) {
            return events;
        }
        Map<Long, String> computed = new HashMap<>();
        for (Row row : select(dsl, true).where(E.ID.in(missing)).fetch(LedgerRows::row)) {
            computed.put(row.event().id(), row.event().versionSha256());
        }
        for (Object[] values : events) {
            if (values[digest] == null) {
                values[digest] = computed.get((Long) values[id]);
            }
        }
        return events;
    }

    /**
     * Events with the version rows they record and, where the schema has them ({@code current}:
     * not a migration that runs before V16), what computes their {@code version_sha256}.
     */
    private static SelectJoinStep<Record> select(DSLContext dsl, boolean current) {
        List<SelectField<?>> columns = new ArrayList<>(EVENT_COLUMNS);
        columns.addAll(VERSION_COLUMNS);
        boolean computes = computesDigests(dsl, current);
        if (computes) {
            columns.add(W_EVENT_ID);
            columns.addAll(WRITTEN_COLUMNS);
            columns.add(KEPT);
        }
        Condition recordsIt = P.RECORD_ID.eq(E.RECORD_ID).and(P.VERSION.eq(E.VERSION)).and(E.EVENT_TYPE.in(LedgerService.RECORD_EVENT_TYPES));
        SelectJoinStep<Record> select = dsl.select(columns).from(E).leftJoin(P).on(recordsIt);
        return computes ? select.leftJoin(W).on(W.EVENT_ID.eq(E.ID)) : select;
    }

    /** Whether events may leave their version_sha256 to be computed: SQLite, once V16 has run. */
    private static boolean computesDigests(DSLContext dsl, boolean current) {
        return current && dsl.dialect().family() == SQLDialect.SQLITE;
    }

    private static Row row(Record row) {
        StoredVersionRow version = row.get(P_RECORD_ID) == null ? null : versionRow(row, VERSION_COLUMNS);
        StoredEvent event = event(row);
        if (event.versionSha256() == null && row.field(KEPT) != null) {
            StoredVersionRow written = row.get(W_EVENT_ID) != null ? versionRow(row, WRITTEN_COLUMNS)
                    : Boolean.TRUE.equals(row.get(KEPT)) ? version : null;
            if (written != null) {
                event = new StoredEvent(event.id(), event.eventType(), event.recordId(), event.version(), event.occurredAt(),
                        event.actor(), event.payload(), event.prevHash(), event.hash(), written.sha256(), event.auditId(),
                        event.auditHash());
            }
        }
        return new Row(event, version);
    }

    /** The version row {@code (recordId, version)} as stored, or {@code null}. */
    static StoredVersionRow version(DSLContext dsl, long recordId, long version) {
        return dsl.select(VERSION_COLUMNS).from(P).where(P.RECORD_ID.eq(recordId)).and(P.VERSION.eq(version))
                .fetchOne(row -> versionRow(row, VERSION_COLUMNS));
    }

    private static StoredEvent event(Record row) {
        return new StoredEvent(row.get(E.ID), row.get(E.EVENT_TYPE), row.get(E_RECORD_ID), row.get(E_VERSION), row.get(E.OCCURRED_AT),
                row.get(E_ACTOR), row.get(E.PAYLOAD), row.get(E.PREV_HASH), row.get(E.HASH), row.get(E.VERSION_SHA256),
                row.get(E_AUDIT_ID), row.get(E.AUDIT_HASH));
    }

    /** A version row read in {@code columns}: {@link #VERSION_COLUMNS} or {@link #WRITTEN_COLUMNS}. */
    private static StoredVersionRow versionRow(Record row, List<Field<String>> columns) {
        String[] v = new String[columns.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = row.get(columns.get(i));
        }
        return new StoredVersionRow(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13]);
    }
}
