package io.timetravel.service;

import io.timetravel.domain.RecordTimeline;
import io.timetravel.domain.premium.Decision;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Premium decisions: each one is a {@code premium.decided} event in the ledger (its id is the
 * decision's, its payload the decision), indexed by record, engine and time for lookups.
 */
public interface PremiumStore {

    /** Runs {@code work} on the single writer, with the rest of its batch; completes once durable. */
    <T> CompletableFuture<T> write(Work<T> work);

    /** A unit of work that decides premiums. Throwing undoes all of it. */
    @FunctionalInterface
    interface Work<T> {
        T run(Session session);
    }

    /** What a unit of work may do. */
    interface Session {

        /** This work's transaction time, as {@link WriteSession#recordedAt()}. */
        Instant recordedAt();

        /** The record's versions as this transaction sees them; empty when it does not exist. */
        Optional<RecordTimeline> timeline(long recordId);

        /**
         * Appends the decision to the ledger as a {@code premium.decided} event and indexes it;
         * answers it with its id (the event's).
         */
        Decision append(Decision decision);
    }

    Optional<Decision> decision(long id);

    /** Decisions matching the query, newest first. */
    List<Decision> decisions(DecisionQuery query);
}
