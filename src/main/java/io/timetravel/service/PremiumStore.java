package io.timetravel.service;

import io.timetravel.domain.RecordTimeline;
import io.timetravel.domain.premium.Decision;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Premium decisions: each one is a {@code premium.decided} event in the ledger (its id is the
 * decision's, its payload the decision), indexed by record, engine and time for lookups.
 */
public interface PremiumStore extends SingleWriterStore<PremiumStore.Session> {

    /** What a unit of work that decides premiums may do. */
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
