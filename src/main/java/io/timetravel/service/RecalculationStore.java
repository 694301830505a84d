package io.timetravel.service;

import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.premium.Recalculation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Recalculation jobs as stored ({@code recalculations}), and the record states a job prices. */
public interface RecalculationStore extends JobStore<RecalculationStore.Session, Recalculation> {

    /** What a unit of work on recalculation rows and the event log may do: with the event log, the job rows. */
    interface Session extends EventWrites {

        Instant recordedAt();

        /** Inserts an in-progress job. */
        Recalculation insert(NewRecalculation recalculation);

        /**
         * Ends an in-progress job with {@code status}; answers empty when it had already ended
         * (another request cancelled it, or it completed).
         */
        Optional<Recalculation> finish(long id, Recalculation.Status status, long processed, long total, JsonObject result,
                                       String error, Instant finishedAt);
    }

    /** A job before it has an id. */
    record NewRecalculation(Instant validAt, Instant knownAt, List<String> engines, java.math.BigDecimal thresholdPercent,
                            String reason, long requestedBy, Instant requestedAt, long total) {
    }

    /** How many records there are: what a job goes through. */
    long recordTotal();

    /** The states of the next records after {@code afterRecordId}, as {@link SnapshotStore#statesAt}. */
    SnapshotStore.StatePage statesAt(Instant at, Instant asOf, long afterRecordId, int limit);
}
