package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.POLICYHOLDERS;
import static io.timetravel.storage.jooq.Tables.POLICYHOLDER_RECORDS;
import static io.timetravel.storage.jooq.Tables.SNAPSHOTS;

import io.timetravel.domain.Instants;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.Snapshot;
import io.timetravel.domain.SnapshotStatus;
import io.timetravel.service.SnapshotFiles;
import io.timetravel.service.SnapshotStore;
import io.timetravel.storage.jooq.tables.records.SnapshotsRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jooq.UpdateSetMoreStep;

/**
 * Snapshot rows in {@code snapshots}, written through the record store's single writer and read
 * on its read connections, and the record states a snapshot job pages through.
 */
public final class SqlSnapshotStore extends SqlJobStore<SnapshotStore.Session, SnapshotsRecord, Snapshot>
        implements SnapshotStore {

    public SqlSnapshotStore(SqlRecordStore store) {
        super(store, new Columns<>(SNAPSHOTS, SNAPSHOTS.ID, SNAPSHOTS.STATUS, SnapshotStatus.IN_PROGRESS.text()),
                SqlSnapshotStore::snapshot, RowSession::new);
    }

    @Override
    public long recordTotal() {
        return store().readers().read(s -> s.dsl().fetchCount(POLICYHOLDERS));
    }

    @Override
    public List<Long> recordIds(Instant at, Instant asOf) {
        return store().readers().read(s -> s.dsl().selectDistinct(POLICYHOLDER_RECORDS.RECORD_ID)
                .from(POLICYHOLDER_RECORDS)
                .where(POLICYHOLDER_RECORDS.EFFECTIVE_AT.le(Instants.format(at)))
                .and(POLICYHOLDER_RECORDS.VALID_TO.isNull().or(POLICYHOLDER_RECORDS.VALID_TO.gt(Instants.format(at))))
                .and(POLICYHOLDER_RECORDS.RECORDED_AT.le(Instants.format(asOf)))
                .orderBy(POLICYHOLDER_RECORDS.RECORD_ID)
                .fetch(POLICYHOLDER_RECORDS.RECORD_ID));
    }

    @Override
    public List<Snapshot> expiredWithFiles(Instant now) {
        return store().readers().read(s -> s.dsl().selectFrom(SNAPSHOTS)
                .where(SNAPSHOTS.STATUS.eq(SnapshotStatus.COMPLETED.text()))
                .and(SNAPSHOTS.EXPIRES_AT.le(Instants.format(now)))
                .and(SNAPSHOTS.FILE_PATH.isNotNull())
                .orderBy(SNAPSHOTS.ID)
                .fetch(SqlSnapshotStore::snapshot));
    }

    /**
     * The page's record ids in one query, then each record's state from its timeline (cached, or
     * loaded without pushing the records people are working on out of the cache).
     */
    @Override
    public StatePage statesAt(Instant at, Instant asOf, long afterRecordId, int limit) {
        List<Long> ids = store().readers().read(s -> s.dsl().select(POLICYHOLDERS.ID)
                .from(POLICYHOLDERS)
                .where(POLICYHOLDERS.ID.gt(afterRecordId))
                .orderBy(POLICYHOLDERS.ID)
                .limit(limit)
                .fetch(POLICYHOLDERS.ID));
        List<RecordVersion> states = new ArrayList<>();
        for (long id : ids) {
            store().timelineForScan(id).flatMap(timeline -> timeline.at(at, asOf)
                            .map(state -> RecordVersion.of(state.newest(), state.data(), timeline.createdAt().orElseThrow())))
                    .ifPresent(states::add);
        }
        return new StatePage(states, ids.isEmpty() ? afterRecordId : ids.get(ids.size() - 1), ids.size());
    }

    static Snapshot snapshot(SnapshotsRecord row) {
        Instant requestedAt = Instants.parseStored(row.getRequestedAt());
        return new Snapshot(
                row.getId(),
                SnapshotStatus.fromText(row.getStatus()),
                Instants.parseStored(row.getAt()),
                row.getAsOf() == null ? requestedAt : Instants.parseStored(row.getAsOf()),
                row.getReason(),
                row.getRequestedBy(),
                requestedAt,
                row.getRecordCount(),
                row.getByteSize(),
                row.getSha256(),
                row.getFilePath(),
                row.getCompletedAt() == null ? null : Instants.parseStored(row.getCompletedAt()),
                Instants.parseStored(row.getExpiresAt()),
                row.getError(),
                row.getMasked() != 0,
                Math.toIntExact(row.getAttempts()));
    }

    /** A unit of work's view of the snapshot rows, on the writer's connection. */
    private static final class RowSession extends WriterRows implements Session {

        RowSession(WriterSession session) {
            super(session);
        }

        @Override
        public Snapshot insert(NewSnapshot snapshot) {
            long id = dsl.insertInto(SNAPSHOTS)
                    .set(SNAPSHOTS.AT, Instants.format(snapshot.at()))
                    .set(SNAPSHOTS.AS_OF, Instants.format(snapshot.asOf()))
                    .set(SNAPSHOTS.REASON, snapshot.reason())
                    .set(SNAPSHOTS.REQUESTED_BY, snapshot.requestedBy())
                    .set(SNAPSHOTS.REQUESTED_AT, Instants.format(snapshot.requestedAt()))
                    .set(SNAPSHOTS.STATUS, SnapshotStatus.IN_PROGRESS.text())
                    .set(SNAPSHOTS.RECORD_COUNT, 0L)
                    .set(SNAPSHOTS.EXPIRES_AT, Instants.format(snapshot.expiresAt()))
                    .set(SNAPSHOTS.MASKED, snapshot.masked() ? 1L : 0L)
                    .returningResult(SNAPSHOTS.ID)
                    .fetchOne()
                    .value1();
            return load(id);
        }

        @Override
        public Snapshot complete(long id, SnapshotFiles.Sealed file, long recordCount, Instant completedAt) {
            int updated = dsl.update(SNAPSHOTS)
                    .set(SNAPSHOTS.STATUS, SnapshotStatus.COMPLETED.text())
                    .set(SNAPSHOTS.RECORD_COUNT, recordCount)
                    .set(SNAPSHOTS.BYTE_SIZE, file.byteSize())
                    .set(SNAPSHOTS.SHA256, file.sha256())
                    .set(SNAPSHOTS.FILE_PATH, file.file())
                    .set(SNAPSHOTS.COMPLETED_AT, Instants.format(completedAt))
                    .setNull(SNAPSHOTS.ERROR)
                    .where(SNAPSHOTS.ID.eq(id))
                    .and(SNAPSHOTS.STATUS.eq(SnapshotStatus.IN_PROGRESS.text()))
                    .execute();
            if (updated != 1) {
                throw new IllegalStateException("snapshot " + id + " is no longer in progress");
            }
            return load(id);
        }

        @Override
        public Snapshot fail(long id, String error, Instant failedAt) {
            return whileInProgress(id, dsl.update(SNAPSHOTS)
                    .set(SNAPSHOTS.STATUS, SnapshotStatus.FAILED.text())
                    .set(SNAPSHOTS.ERROR, error));
        }

        @Override
        public Snapshot get(long id) {
            return load(id);
        }

        @Override
        public Snapshot startAttempt(long id) {
            return whileInProgress(id, dsl.update(SNAPSHOTS).set(SNAPSHOTS.ATTEMPTS, SNAPSHOTS.ATTEMPTS.plus(1L)));
        }

        @Override
        public Snapshot noteError(long id, String error) {
            return whileInProgress(id, dsl.update(SNAPSHOTS).set(SNAPSHOTS.ERROR, error));
        }

        /** Applies {@code update} to the snapshot if it is still in progress (a finished one stays as it ended). */
        private Snapshot whileInProgress(long id, UpdateSetMoreStep<SnapshotsRecord> update) {
            update.where(SNAPSHOTS.ID.eq(id)).and(SNAPSHOTS.STATUS.eq(SnapshotStatus.IN_PROGRESS.text())).execute();
            return load(id);
        }

        @Override
        public void forgetFile(long id) {
            dsl.update(SNAPSHOTS).setNull(SNAPSHOTS.FILE_PATH).where(SNAPSHOTS.ID.eq(id)).execute();
        }


        private Snapshot load(long id) {
            return snapshot(dsl.selectFrom(SNAPSHOTS).where(SNAPSHOTS.ID.eq(id)).fetchSingle());
        }
    }
}
