package io.timetravel.service;

import java.util.concurrent.CompletableFuture;

/**
 * A store written through units of work on the record store's single writer: each unit runs in
 * one transaction with whatever else the writer's batch holds, on the store's own session.
 *
 * @param <S> what a unit of work may do on this store
 */
public interface SingleWriterStore<S> {

    /**
     * Runs {@code work} on the single writer, in one transaction with whatever else the batch
     * holds; the future completes after the commit is durable.
     */
    <T> CompletableFuture<T> write(Work<S, T> work);

    /** A unit of work on a store's session. Throwing undoes all of it. */
    @FunctionalInterface
    interface Work<S, T> {
        T run(S session);
    }
}
