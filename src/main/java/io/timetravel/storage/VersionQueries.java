package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.POLICYHOLDERS;
import static io.timetravel.storage.jooq.Tables.POLICYHOLDER_RECORDS;

import io.timetravel.domain.Instants;
import io.timetravel.domain.Operation;
import io.timetravel.domain.RecordTimeline;
import io.timetravel.domain.VersionInfo;
import io.timetravel.storage.jooq.tables.PolicyholderRecords;
import io.timetravel.storage.jooq.tables.Policyholders;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.CloseableResultQuery;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The version reads of one connection, built by jOOQ and prepared once: point reads as
 * {@link Prepared}s, multi-row reads as kept jOOQ statements ({@code keepStatement}), so a
 * read binds new values instead of rendering and preparing SQL again. Not thread-safe:
 * one instance per connection, used by one thread at a time.
 */
final class VersionQueries implements AutoCloseable {

    private static final PolicyholderRecords V = POLICYHOLDER_RECORDS;
    private static final Policyholders P = POLICYHOLDERS;

    private final Prepared latest;
    private final CloseableResultQuery<? extends Record> timeline;
    private final Prepared policyholder;
    private final CloseableResultQuery<? extends Record> page;
    private final List<AutoCloseable> kept = new ArrayList<>();

    VersionQueries(Connection connection) {
        DSLContext dsl = Database.dsl(connection);
        Param<Long> id = DSL.param("id", SQLDataType.BIGINT);
        Param<Long> from = DSL.param("from", SQLDataType.BIGINT);
        Param<Integer> limit = DSL.param("limit", SQLDataType.INTEGER);
        Param<Integer> offset = DSL.param("offset", SQLDataType.INTEGER);

        latest = keep(new Prepared(connection, dsl, dsl.select(V.VERSION, V.CHECKPOINT_VERSION)
                .from(V)
                .where(V.RECORD_ID.eq(id))
                .orderBy(V.VERSION.desc())
                .limit(DSL.inline(1))));
        timeline = keep(dsl.select(V.VERSION, V.EFFECTIVE_AT, V.VALID_TO, V.RECORDED_AT, V.ACTOR, V.OPERATION, V.REASON,
                        V.APPLIED_PATCH)
                .from(V)
                .where(V.RECORD_ID.eq(id))
                .and(V.VERSION.gt(from))
                .orderBy(V.VERSION)
                .keepStatement(true));
        policyholder = keep(new Prepared(connection, dsl, dsl.select(P.CREATED_AT, P.LATEST_VERSION, P.REGION)
                .from(P)
                .where(P.ID.eq(id))));
        page = keep(dsl.select(V.VERSION, V.EFFECTIVE_AT, V.VALID_TO, V.RECORDED_AT, V.ACTOR, V.OPERATION, V.REASON)
                .from(V)
                .where(V.RECORD_ID.eq(id))
                .orderBy(V.VERSION)
                .limit(limit)
                .offset(offset)
                .keepStatement(true));
    }

    private <Q extends AutoCloseable> Q keep(Q query) {
        kept.add(query);
        return query;
    }

    /** The record's newest version and its checkpoint, if it has any. */
    Optional<VersionLocation> latest(long recordId) {
        return Optional.ofNullable(latest.first(row -> new VersionLocation(row.getLong(1), row.getLong(2)), recordId));
    }

    /** The record's versions after {@code afterVersion}, in version order, each with its own patch. */
    List<RecordTimeline.Entry> timeline(long recordId, long afterVersion) {
        timeline.bind("id", recordId).bind("from", afterVersion);
        List<RecordTimeline.Entry> entries = new ArrayList<>();
        // Row by row: the rows' text and the parsed patches are never all in memory together.
        try (Cursor<? extends Record> rows = timeline.fetchLazy()) {
            for (Record row : rows) {
                long version = row.get(V.VERSION);
                String patch = row.get(V.APPLIED_PATCH);
                if (patch == null) {
                    throw new CorruptStoreException("record " + recordId + " version " + version
                            + " has no applied_patch; open the database once with this version of Timetravel to migrate it");
                }
                entries.add(new RecordTimeline.Entry(info(recordId, row), StoredJson.object(patch, recordId, version)));
            }
        }
        return entries;
    }

    /** The SQL {@link #timeline} runs, with these values inlined (for checking its query plan). */
    String timelineSql(long recordId, long afterVersion) {
        return timeline.bind("id", recordId).bind("from", afterVersion).getSQL(org.jooq.conf.ParamType.INLINED);
    }

    private static VersionInfo info(long recordId, Record row) {
        String validTo = row.get(V.VALID_TO);
        return new VersionInfo(
                recordId,
                row.get(V.VERSION),
                Instants.parseStored(row.get(V.EFFECTIVE_AT)),
                validTo == null ? null : Instants.parseStored(validTo),
                Instants.parseStored(row.get(V.RECORDED_AT)),
                row.get(V.ACTOR),
                Operation.valueOf(row.get(V.OPERATION)),
                row.get(V.REASON));
    }

    /** The record's creation instant and version count, if it exists. */
    Optional<PolicyholderRow> policyholder(long recordId) {
        return Optional.ofNullable(policyholder.first(
                row -> new PolicyholderRow(row.getString(1), row.getLong(2), row.getString(3)), recordId));
    }

    /** What the read path needs of a policyholder row; {@code region} is that of the current state. */
    record PolicyholderRow(String createdAt, long versions, String region) {
    }

    List<VersionInfo> page(long recordId, int limit, int offset) {
        page.bind("id", recordId).bind("limit", limit).bind("offset", offset);
        List<VersionInfo> infos = new ArrayList<>();
        for (Record row : page.fetch()) {
            infos.add(info(recordId, row));
        }
        return infos;
    }

    @Override
    public void close() {
        for (AutoCloseable query : kept) {
            try {
                query.close();
            } catch (Exception ignored) {
                // Closing the connection releases the statement anyway.
            }
        }
    }

}
