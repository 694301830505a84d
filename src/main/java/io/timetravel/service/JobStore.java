package io.timetravel.service;

import java.util.List;
import java.util.Optional;

/**
 * The store of a kind of background job (snapshots, recalculations): written on the single writer,
 * and read as one job, the newest jobs, or those a restart must resume.
 *
 * @param <S> what a unit of work may do on the job rows
 * @param <J> a job as stored
 */
public interface JobStore<S, J> extends SingleWriterStore<S> {

    Optional<J> find(long id);

    /** The newest {@code limit} jobs, newest first (by id: the order they were requested in). */
    List<J> newest(int limit);

    /** Jobs still in progress, oldest first: after a restart, those a crash or shutdown interrupted. */
    List<J> unfinished();
}
