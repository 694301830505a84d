package io.timetravel.storage;

import io.timetravel.service.JobStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.Table;
import org.jooq.TableField;

/**
 * A table of background jobs ({@code snapshots}, {@code recalculations}), written through the
 * record store's single writer and read alike on its read connections: one job by id, the newest
 * jobs, and those still in progress, each row read as a job by the table's mapper.
 *
 * @param <S> what a unit of work may do on the job rows
 * @param <R> the table's row
 * @param <J> the job a row is read as
 */
abstract class SqlJobStore<S, R extends Record, J> implements JobStore<S, J> {

    /** The columns that make a job table. */
    record Columns<R extends Record>(Table<R> table, TableField<R, Long> id, TableField<R, String> status,
                                     String inProgress) {
    }

    private final SqlRecordStore store;
    private final Columns<R> columns;
    private final RecordMapper<R, J> job;
    private final Function<WriterSession, S> session;

    SqlJobStore(SqlRecordStore store, Columns<R> columns, RecordMapper<R, J> job, Function<WriterSession, S> session) {
        this.store = store;
        this.columns = columns;
        this.job = job;
        this.session = session;
    }

    /** The record store the jobs are kept in: for a store's own reads beyond the job table. */
    final SqlRecordStore store() {
        return store;
    }

    @Override
    public final <T> CompletableFuture<T> write(Work<S, T> work) {
        return store.writer().submit(writer -> work.run(session.apply(writer)));
    }

    @Override
    public final Optional<J> find(long jobId) {
        return store.readers().read(s -> s.dsl().selectFrom(columns.table()).where(columns.id().eq(jobId)).fetchOptional())
                .map(job::map);
    }

    @Override
    public final List<J> newest(int limit) {
        return store.readers().read(s -> s.dsl().selectFrom(columns.table()).orderBy(columns.id().desc()).limit(limit).fetch(job));
    }

    @Override
    public final List<J> unfinished() {
        return store.readers().read(s -> s.dsl().selectFrom(columns.table())
                .where(columns.status().eq(columns.inProgress()))
                .orderBy(columns.id())
                .fetch(job));
    }
}
