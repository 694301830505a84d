package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.POLICYHOLDERS;
import static io.timetravel.storage.jooq.Tables.POLICYHOLDER_RECORDS;

import io.timetravel.domain.Instants;
import io.timetravel.domain.Operation;
import io.timetravel.domain.VersionInfo;
import io.timetravel.storage.jooq.tables.PolicyholderRecords;
import io.timetravel.storage.jooq.tables.Policyholders;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.CloseableResultQuery;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The version reads of one connection, built by jOOQ and prepared once: point reads as
 * {@link PreparedRead}s, multi-row reads as kept jOOQ statements ({@code keepStatement}), so a
 * read binds new values instead of rendering and preparing SQL again. Not thread-safe:
 * one instance per connection, used by one thread at a time.
 */
final class VersionQueries implements AutoCloseable {

    private static final PolicyholderRecords V = POLICYHOLDER_RECORDS;
    private static final Policyholders P = POLICYHOLDERS;

    private final PreparedRead seek;
    private final PreparedRead exact;
    private final PreparedRead latest;
    private final CloseableResultQuery<? extends Record> range;
    private final PreparedRead policyholder;
    private final CloseableResultQuery<? extends Record> page;
    private final List<AutoCloseable> kept = new ArrayList<>();

    VersionQueries(Connection connection) {
        DSLContext dsl = Database.dsl(connection);
        Param<Long> id = DSL.param("id", SQLDataType.BIGINT);
        Param<String> at = DSL.param("at", SQLDataType.CLOB);
        Param<String> asOf = DSL.param("asOf", SQLDataType.CLOB);
        Param<Long> version = DSL.param("version", SQLDataType.BIGINT);
        Param<Long> from = DSL.param("from", SQLDataType.BIGINT);
        Param<Long> to = DSL.param("to", SQLDataType.BIGINT);
        Param<Integer> limit = DSL.param("limit", SQLDataType.INTEGER);
        Param<Integer> offset = DSL.param("offset", SQLDataType.INTEGER);

        // Uses the covering index (record_id, effective_at, recorded_at, version, checkpoint_version).
        seek = keep(new PreparedRead(connection, dsl, dsl.select(V.VERSION, V.CHECKPOINT_VERSION)
                .from(V)
                .where(V.RECORD_ID.eq(id))
                .and(V.EFFECTIVE_AT.le(at))
                .and(V.RECORDED_AT.le(asOf))
                .orderBy(V.EFFECTIVE_AT.desc(), V.RECORDED_AT.desc())
                .limit(DSL.inline(1))));
        exact = keep(new PreparedRead(connection, dsl, dsl.select(V.VERSION, V.CHECKPOINT_VERSION)
                .from(V)
                .where(V.RECORD_ID.eq(id))
                .and(V.VERSION.eq(version))));
        latest = keep(new PreparedRead(connection, dsl, dsl.select(V.VERSION, V.CHECKPOINT_VERSION)
                .from(V)
                .where(V.RECORD_ID.eq(id))
                .orderBy(V.VERSION.desc())
                .limit(DSL.inline(1))));
        range = keep(dsl.select(V.VERSION, V.DATA, V.PATCH, V.EFFECTIVE_AT, V.RECORDED_AT, V.ACTOR, V.OPERATION, V.REASON)
                .from(V)
                .where(V.RECORD_ID.eq(id))
                .and(V.VERSION.between(from, to))
                .orderBy(V.VERSION)
                .keepStatement(true));
        policyholder = keep(new PreparedRead(connection, dsl, dsl.select(P.CREATED_AT, P.LATEST_VERSION, P.REGION)
                .from(P)
                .where(P.ID.eq(id))));
        page = keep(dsl.select(V.VERSION, V.EFFECTIVE_AT, V.RECORDED_AT, V.ACTOR, V.OPERATION, V.REASON)
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

    /** The version true at {@code at} as known at {@code asOf}. */
    Optional<VersionLocation> seek(long recordId, Instant at, Instant asOf) {
        return Optional.ofNullable(seek.first(VersionQueries::location, recordId, Instants.format(at), Instants.format(asOf)));
    }

    Optional<VersionLocation> exact(long recordId, long version) {
        return Optional.ofNullable(exact.first(VersionQueries::location, recordId, version));
    }

    Optional<VersionLocation> latest(long recordId) {
        return Optional.ofNullable(latest.first(VersionQueries::location, recordId));
    }

    private static VersionLocation location(ResultSet row) throws SQLException {
        return new VersionLocation(row.getLong(1), row.getLong(2));
    }

    /** Rows {@code from..to} of a record, in version order. */
    List<VersionRow> range(long recordId, long from, long to) {
        range.bind("id", recordId).bind("from", from).bind("to", to);
        List<VersionRow> rows = new ArrayList<>((int) Math.min(64, to - from + 1));
        for (Record row : range.fetch()) {
            rows.add(new VersionRow(
                    row.get(V.VERSION),
                    row.get(V.DATA),
                    row.get(V.PATCH),
                    row.get(V.EFFECTIVE_AT),
                    row.get(V.RECORDED_AT),
                    row.get(V.ACTOR),
                    row.get(V.OPERATION),
                    row.get(V.REASON)));
        }
        return rows;
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
            infos.add(new VersionInfo(
                    recordId,
                    row.get(V.VERSION),
                    Instants.parseStored(row.get(V.EFFECTIVE_AT)),
                    Instants.parseStored(row.get(V.RECORDED_AT)),
                    row.get(V.ACTOR),
                    Operation.valueOf(row.get(V.OPERATION)),
                    row.get(V.REASON)));
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
