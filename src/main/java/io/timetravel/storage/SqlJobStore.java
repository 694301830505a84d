package io.timetravel.storage;

import java.util.List;
import java.util.Optional;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.Table;
import org.jooq.TableField;

/**
 * The reads a table of background jobs answers alike ({@code snapshots}, {@code recalculations}):
 * one job by id, the newest jobs, and those still in progress; on the record store's read
 * connections, each row read as a job by the table's mapper.
 *
 * @param <R> the table's row
 * @param <J> the job a row is read as
 */
final class JobTable<R extends Record, J> {

    private final ReaderPool readers;
    private final Table<R> table;
    private final TableField<R, Long> id;
    private final TableField<R, String> status;
    private final RecordMapper<R, J> job;

    JobTable(ReaderPool readers, Table<R> table, TableField<R, Long> id, TableField<R, String> status,
             RecordMapper<R, J> job) {
        this.readers = readers;
        this.table = table;
        this.id = id;
        this.status = status;
        this.job = job;
    }

    Optional<J> find(long jobId) {
        return readers.read(s -> s.dsl().selectFrom(table).where(id.eq(jobId)).fetchOptional()).map(job::map);
    }

    /** The newest {@code limit} jobs, newest first (by id: the order they were requested in). */
    List<J> newest(int limit) {
        return readers.read(s -> s.dsl().selectFrom(table).orderBy(id.desc()).limit(limit).fetch(job));
    }

    /** The jobs whose status is {@code inProgress}, oldest first. */
    List<J> unfinished(String inProgress) {
        return readers.read(s -> s.dsl().selectFrom(table)
                .where(status.eq(inProgress))
                .orderBy(id)
                .fetch(job));
    }
}
