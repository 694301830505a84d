package io.timetravel.service;

import io.timetravel.domain.RecordJson;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.Snapshot;
import io.timetravel.domain.SnapshotStatus;
import io.timetravel.domain.access.FieldPolicies;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.service.EventWrites.EventDraft;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The snapshot jobs of {@link SnapshotService}: each counts its start, pages through the records
 * by id streaming their states into the snapshot's file, seals it and records the outcome (or
 * why it did not finish), and tells how far it has come while it runs.
 */
final class SnapshotJobRunner {

    private static final int MAX_ERROR_LENGTH = 500;
    private static final System.Logger LOG = System.getLogger(SnapshotService.class.getName());

    private final SnapshotStore store;
    private final SnapshotFiles files;
    private final Supplier<FieldPolicies> policies;
    private final Map<Long, Progress> progress = new ConcurrentHashMap<>();

    SnapshotJobRunner(SnapshotStore store, SnapshotFiles files, Supplier<FieldPolicies> policies) {
        this.store = store;
        this.files = files;
        this.policies = policies;
    }

    /** How far a running job has come: records written, records gone through, and how many there were at its start. */
    static final class Progress {
        final AtomicLong written = new AtomicLong();
        final AtomicLong scanned = new AtomicLong();
        volatile long total;

        /** Records written to the file so far. */
        long written() {
            return written.get();
        }

        /** 0 to 1; 0 until the job knows how many records there are. */
        double share() {
            long all = total;
            return all <= 0 ? 0 : Math.min(1, (double) scanned.get() / all);
        }
    }

    /** How far the job of snapshot {@code id} has come; {@code null} when it is not queued or running. */
    Progress progress(long id) {
        return progress.get(id);
    }

    /** The job of snapshot {@code id} is queued: it has progress (none yet) from now on. */
    void queued(long id) {
        progress.put(id, new Progress());
    }

    /** The job of snapshot {@code id} was not queued after all (shutting down). */
    void dropped(long id) {
        progress.remove(id);
    }

    /**
     * Counts this start in its own transaction before anything is written, or marks the snapshot
     * failed if it has been started {@link SnapshotService#MAX_ATTEMPTS} times already; empty when the job is not
     * to run (abandoned, no longer in progress, or the start could not be recorded).
     */
    private Optional<Snapshot> startAttempt(long id) {
        Snapshot started;
        try {
            started = store.write(session -> {
                Snapshot row = session.get(id);
                if (row.status() != SnapshotStatus.IN_PROGRESS) {
                    return row;
                }
                if (row.attempts() >= SnapshotService.MAX_ATTEMPTS) {
                    return failIn(session, row, abandoned(row.error() != null ? row.error()
                            : "none of them finished (the process stopped while it ran)"));
                }
                return session.startAttempt(id);
            }).join();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "snapshot " + id + " could not be started; it runs again at the next start: " + e);
            return Optional.empty();
        }
        if (started.status() == SnapshotStatus.FAILED) {
            LOG.log(System.Logger.Level.ERROR, "snapshot " + id + " failed: " + started.error());
        }
        return started.status() == SnapshotStatus.IN_PROGRESS ? Optional.of(started) : Optional.empty();
    }

    private static String abandoned(String lastError) {
        return "abandoned after " + SnapshotService.MAX_ATTEMPTS + " attempts: " + lastError;
    }

    /** The job: counts the attempt, streams every record's state into the file, seals it, and records the outcome. */
    void run(Snapshot requested) {
        long id = requested.id();
        Snapshot snapshot = startAttempt(id).orElse(null);
        if (snapshot == null) {
            progress.remove(id);
            return;
        }
        Progress running = progress.computeIfAbsent(id, key -> new Progress());
        running.written.set(0);
        running.scanned.set(0);
        long started = System.nanoTime();
        SnapshotFiles.Sealed sealed = write(snapshot, running);
        if (sealed != null) {
            complete(snapshot, sealed, running.written.get(), started);
        }
    }

    /**
     * Streams every record's state at the snapshot's instants into its file and seals it; {@code null}
     * when the job was interrupted or failed (then it is recorded, or runs again at the next start).
     */
    private SnapshotFiles.Sealed write(Snapshot snapshot, Progress running) {
        long id = snapshot.id();
        AtomicLong written = running.written;
        // The policies when the job runs: a job run again after a restart masks by the policies then.
        FieldPolicies masking = snapshot.masked() ? policies.get() : FieldPolicies.none();
        try (SnapshotFiles.Draft draft = files.create(id)) {
            running.total = store.recordTotal();
            long after = 0;
            while (true) {
                if (Thread.currentThread().isInterrupted()) {
                    LOG.log(System.Logger.Level.INFO, "snapshot " + id + " interrupted; it runs again at the next start");
                    return null;
                }
                SnapshotStore.StatePage page = store.statesAt(snapshot.at(), snapshot.asOf(), after, SnapshotService.PAGE);
                for (RecordVersion state : page.states()) {
                    draft.writeLine(RecordJson.of(state.withData(masking.mask(state.data()))));
                    written.incrementAndGet();
                }
                running.scanned.addAndGet(page.scanned());
                if (page.scanned() < SnapshotService.PAGE) {
                    break;
                }
                after = page.lastRecordId();
            }
            return draft.seal();
        } catch (IOException | RuntimeException e) {
            progress.remove(id);
            if (Thread.currentThread().isInterrupted()) {
                LOG.log(System.Logger.Level.INFO, "snapshot " + id + " interrupted; it runs again at the next start");
            } else {
                fail(snapshot, e);
            }
            return null;
        } catch (Error e) {
            // Out of memory and the like: the row stays in progress, with the error, for the next start.
            progress.remove(id);
            interrupted(snapshot, e);
            throw e;
        }
    }

    /** Marks the snapshot completed with its sealed file, in its own transaction with the event. */
    private void complete(Snapshot snapshot, SnapshotFiles.Sealed sealed, long count, long started) {
        long id = snapshot.id();
        try {
            store.write(session -> {
                Instant completedAt = session.recordedAt();
                Snapshot done = session.complete(id, sealed, count, completedAt);
                session.appendEvent(new EventDraft(SnapshotService.EVENT_COMPLETED, null, null, completedAt, snapshot.requestedBy(),
                        JsonObject.builder()
                                .put("snapshot_id", id)
                                .put("record_count", count)
                                .put("byte_size", sealed.byteSize())
                                .put("sha256", sealed.sha256())
                                .put("file", sealed.file())
                                .build()));
                return done;
            }).join();
            LOG.log(System.Logger.Level.INFO, "snapshot " + id + " completed: " + count + " records, " + sealed.byteSize()
                    + " bytes in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "snapshot " + id + " was written but could not be marked completed: " + e);
            interrupted(snapshot, e);
        } finally {
            progress.remove(id);
        }
    }

    private void fail(Snapshot snapshot, Exception cause) {
        String error = describe(cause);
        LOG.log(System.Logger.Level.ERROR, "snapshot " + snapshot.id() + " failed: " + error, cause);
        try {
            store.write(session -> failIn(session, snapshot, error)).join();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "snapshot " + snapshot.id() + " could not be marked failed: " + e);
        }
    }

    /** Marks the snapshot failed with {@code error} and records the event, in the session's transaction. */
    private static Snapshot failIn(SnapshotStore.Session session, Snapshot snapshot, String error) {
        Instant failedAt = session.recordedAt();
        Snapshot failed = session.fail(snapshot.id(), error, failedAt);
        session.appendEvent(new EventDraft(SnapshotService.EVENT_FAILED, null, null, failedAt, snapshot.requestedBy(),
                JsonObject.builder().put("snapshot_id", snapshot.id()).put("error", error).build()));
        return failed;
    }

    /**
     * An attempt that could not finish and left the snapshot in progress: its error is kept on the
     * row for the next start, or, on the last allowed attempt, the snapshot is marked failed with it.
     */
    private void interrupted(Snapshot snapshot, Throwable cause) {
        String error = describe(cause);
        LOG.log(System.Logger.Level.ERROR, "snapshot " + snapshot.id() + " attempt " + snapshot.attempts() + " of " + SnapshotService.MAX_ATTEMPTS
                + " did not finish: " + error, cause);
        try {
            store.write(session -> snapshot.attempts() >= SnapshotService.MAX_ATTEMPTS
                    ? failIn(session, snapshot, abandoned(error))
                    : session.noteError(snapshot.id(), error)).join();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "snapshot " + snapshot.id() + " could not record why it did not finish: " + e);
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof Error && cause.getMessage() != null) {
            message = cause.getClass().getSimpleName() + ": " + message;
        }
        return message.length() <= MAX_ERROR_LENGTH ? message : message.substring(0, MAX_ERROR_LENGTH) + "...";
    }
}
