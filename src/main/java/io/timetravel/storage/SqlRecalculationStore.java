package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.RECALCULATIONS;

import io.timetravel.domain.Instants;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.domain.premium.Recalculation;
import io.timetravel.domain.premium.Recalculation.Status;
import io.timetravel.service.RecalculationStore;
import io.timetravel.service.SnapshotStore;
import io.timetravel.storage.jooq.tables.records.RecalculationsRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Recalculation jobs in {@code recalculations}, written through the record store's single writer;
 * the states a job prices come as a snapshot's do ({@link SqlSnapshotStore#statesAt}).
 */
public final class SqlRecalculationStore extends SqlJobStore<RecalculationStore.Session, RecalculationsRecord, Recalculation>
        implements RecalculationStore {

    private static final int MAX_DEPTH = 64;

    private final SqlSnapshotStore states;

    public SqlRecalculationStore(SqlRecordStore store) {
        super(store, new Columns<>(RECALCULATIONS, RECALCULATIONS.ID, RECALCULATIONS.STATUS, Status.IN_PROGRESS.text()),
                SqlRecalculationStore::recalculation, RowSession::new);
        this.states = new SqlSnapshotStore(store);
    }

    @Override
    public long recordTotal() {
        return states.recordTotal();
    }

    @Override
    public SnapshotStore.StatePage statesAt(Instant at, Instant asOf, long afterRecordId, int limit) {
        return states.statesAt(at, asOf, afterRecordId, limit);
    }

    static Recalculation recalculation(RecalculationsRecord row) {
        JsonObject result = null;
        if (row.getResult() != null) {
            try {
                result = JsonParser.parseObject(row.getResult(), MAX_DEPTH);
            } catch (JsonParseException e) {
                throw new CorruptStoreException("recalculation " + row.getId() + " holds an unreadable result: " + e.getMessage());
            }
        }
        return new Recalculation(
                row.getId(),
                Instants.parseStored(row.getValidAt()),
                Instants.parseStored(row.getKnownAt()),
                Arrays.asList(row.getEngines().split(",")),
                new BigDecimal(row.getThresholdPercent()),
                row.getReason(),
                row.getRequestedBy(),
                Instants.parseStored(row.getRequestedAt()),
                Status.fromText(row.getStatus()),
                row.getProcessed(),
                row.getTotal(),
                result,
                row.getError(),
                row.getFinishedAt() == null ? null : Instants.parseStored(row.getFinishedAt()));
    }

    /** A unit of work's view of the job rows, on the writer's connection. */
    private static final class RowSession extends WriterRows implements Session {

        RowSession(WriterSession session) {
            super(session);
        }

        @Override
        public Recalculation insert(NewRecalculation job) {
            long id = dsl.insertInto(RECALCULATIONS)
                    .set(RECALCULATIONS.VALID_AT, Instants.format(job.validAt()))
                    .set(RECALCULATIONS.KNOWN_AT, Instants.format(job.knownAt()))
                    .set(RECALCULATIONS.ENGINES, String.join(",", job.engines()))
                    .set(RECALCULATIONS.THRESHOLD_PERCENT, job.thresholdPercent().toPlainString())
                    .set(RECALCULATIONS.REASON, job.reason())
                    .set(RECALCULATIONS.REQUESTED_BY, job.requestedBy())
                    .set(RECALCULATIONS.REQUESTED_AT, Instants.format(job.requestedAt()))
                    .set(RECALCULATIONS.STATUS, Status.IN_PROGRESS.text())
                    .set(RECALCULATIONS.TOTAL, job.total())
                    .returningResult(RECALCULATIONS.ID)
                    .fetchOne()
                    .value1();
            return load(id);
        }

        @Override
        public Optional<Recalculation> finish(long id, Status status, long processed, long total, JsonObject result,
                                              String error, Instant finishedAt) {
            int updated = dsl.update(RECALCULATIONS)
                    .set(RECALCULATIONS.STATUS, status.text())
                    .set(RECALCULATIONS.PROCESSED, processed)
                    .set(RECALCULATIONS.TOTAL, total)
                    .set(RECALCULATIONS.RESULT, result == null ? null : result.toJson())
                    .set(RECALCULATIONS.ERROR, error)
                    .set(RECALCULATIONS.FINISHED_AT, Instants.format(finishedAt))
                    .where(RECALCULATIONS.ID.eq(id))
                    .and(RECALCULATIONS.STATUS.eq(Status.IN_PROGRESS.text()))
                    .execute();
            return updated == 1 ? Optional.of(load(id)) : Optional.empty();
        }


        private Recalculation load(long id) {
            return recalculation(dsl.selectFrom(RECALCULATIONS).where(RECALCULATIONS.ID.eq(id)).fetchSingle());
        }
    }
}
