package io.timetravel.service;

import io.timetravel.domain.Instants;
import io.timetravel.domain.Snapshot;
import io.timetravel.domain.SnapshotStatus;
import io.timetravel.domain.access.FieldPolicies;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.service.EventWrites.EventDraft;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Snapshots: every record's state at an instant, written by a background job into a sealed,
 * digested file that auditors can take away.
 *
 * <p>A request is recorded (row and event) in one writer transaction and answered at once; one
 * job thread then pages through the records by id and streams their states into the file, so
 * memory stays flat whatever the number of records. A snapshot is taken as known at an instant
 * no later than its own request, and every later write is recorded after that, so the file does
 * not depend on when the job runs: a job a crash interrupted is simply run again at start-up.
 *
 * <p>Each start of a job counts in the row before the job writes anything, so a start the process
 * did not survive counts too; a snapshot still in progress after {@link #MAX_ATTEMPTS} starts is
 * marked failed with its reason (the last error an attempt could record) instead of being run
 * again at every start.
 */
public final class SnapshotService implements AutoCloseable {

    /** How long a snapshot's file is kept after the request. */
    public static final Duration RETENTION = Duration.ofDays(7);

    public static final String EVENT_REQUESTED = "snapshot.requested";
    public static final String EVENT_COMPLETED = "snapshot.completed";
    public static final String EVENT_FAILED = "snapshot.failed";
    public static final String EVENT_EXPIRED = "snapshot.expired";

    /** How many times a snapshot's job is started before the snapshot is marked failed. */
    public static final int MAX_ATTEMPTS = 3;

    /** The most snapshots {@link #list} answers. */
    public static final int MAX_LIST = 1_000;

    /** Records read per query by a job. */
    static final int PAGE = 1_000;
    private static final System.Logger LOG = System.getLogger(SnapshotService.class.getName());
    private static final Duration JOB_STOP_WAIT = Duration.ofSeconds(10);

    private final SnapshotStore store;
    private final SnapshotFiles files;
    private final Clock clock;
    private final ScheduledExecutorService jobs;
    private final SnapshotJobRunner runner;

    public SnapshotService(SnapshotStore store, SnapshotFiles files, Clock clock) {
        this(store, files, clock, FieldPolicies::none);
    }

    /** @param policies the field policies in force, for the files of masked snapshots */
    public SnapshotService(SnapshotStore store, SnapshotFiles files, Clock clock, Supplier<FieldPolicies> policies) {
        this.store = store;
        this.files = files;
        this.clock = clock;
        this.runner = new SnapshotJobRunner(store, files, policies);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("timetravel-snapshots"));
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.jobs = executor;
    }

    /**
     * Start-up: drops half-written files, runs again the jobs a crash or shutdown interrupted,
     * and from then on deletes expired files every hour.
     */
    public void start() {
        try {
            files.discardDrafts();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove unfinished snapshot files: " + e.getMessage());
        }
        for (Snapshot unfinished : store.unfinished()) {
            LOG.log(System.Logger.Level.INFO, "snapshot " + unfinished.id() + " was interrupted; running it again");
            schedule(unfinished);
        }
        jobs.scheduleWithFixedDelay(this::purgeQuietly, 0, 1, TimeUnit.HOURS);
    }

    /**
     * Records a snapshot request and queues its job; completes once the request is durable.
     * {@code at} and {@code as_of} must not lie in the future: the answer could still change.
     */
    public CompletableFuture<Snapshot> request(SnapshotRequest request) {
        String reason = RecordService.normalizeReason(request.reason());
        if (reason == null) {
            throw new InvalidRequestException("a reason is required");
        }
        if (request.at() == null) {
            throw new InvalidRequestException("at is required: the instant to take the snapshot at");
        }
        RecordService.validateActor(request.actor());
        Instant now = now();
        if (request.at().isAfter(now)) {
            throw new InvalidRequestException("at is in the future; a snapshot shows what was true at a past instant");
        }
        if (request.asOf() != null && request.asOf().isAfter(now)) {
            throw new InvalidRequestException("as_of is in the future; a snapshot shows what was known at a past instant");
        }
        return store.write(session -> {
            Instant requestedAt = session.recordedAt();
            // Every write recorded later gets a later instant, so nothing can still change below as_of.
            Instant asOf = request.asOf() != null ? request.asOf() : requestedAt;
            if (asOf.isAfter(requestedAt)) {
                throw new InvalidRequestException("as_of is in the future; a snapshot shows what was known at a past instant");
            }
            Snapshot snapshot = session.insert(new SnapshotStore.NewSnapshot(request.at(), asOf, reason, request.actor(),
                    requestedAt, requestedAt.plus(RETENTION), request.masked()));
            session.appendEvent(new EventDraft(EVENT_REQUESTED, null, null, requestedAt, request.actor(), JsonObject.builder()
                    .put("snapshot_id", snapshot.id())
                    .put("at", Instants.format(snapshot.at()))
                    .put("as_of", Instants.format(snapshot.asOf()))
                    .put("reason", reason)
                    .put("actor", request.actor())
                    .put("masked", request.masked())
                    .put("expires_at", Instants.format(snapshot.expiresAt()))
                    .build()));
            return snapshot;
        }).thenApply(snapshot -> {
            schedule(snapshot);
            return snapshot;
        });
    }

    /** A snapshot's state; 404 when there is none. */
    public SnapshotView get(long id) {
        return view(find(id));
    }

    /** The newest snapshots (at most {@code limit}, up to {@link #MAX_LIST}), newest first, running ones with their progress. */
    public List<SnapshotView> list(int limit) {
        if (limit < 1) {
            throw new InvalidRequestException("invalid limit; use a whole number from 1 to " + MAX_LIST);
        }
        return store.newest(Math.min(limit, MAX_LIST)).stream().map(this::view).toList();
    }

    private SnapshotView view(Snapshot snapshot) {
        SnapshotJobRunner.Progress running = runner.progress(snapshot.id());
        if (snapshot.status() != SnapshotStatus.IN_PROGRESS || running == null) {
            return new SnapshotView(snapshot, status(snapshot));
        }
        return new SnapshotView(snapshot.withRecordCount(running.written()), status(snapshot), running.share());
    }

    /** The sealed file of a completed snapshot: 409 while in progress or after a failure, 410 once expired. */
    public SnapshotExport export(long id) {
        Snapshot snapshot = find(id);
        switch (snapshot.status()) {
            case IN_PROGRESS -> throw new ConflictException("snapshot " + id + " is still in progress");
            case FAILED -> throw new ConflictException("snapshot " + id + " failed: " + snapshot.error());
            case COMPLETED -> {
                // exported below
            }
        }
        if (snapshot.isExpired(now())) {
            throw new GoneException("snapshot " + id + " expired at " + Instants.format(snapshot.expiresAt()));
        }
        return files.find(snapshot.file())
                .map(path -> new SnapshotExport(path, "snapshot-" + id + ".ndjson.gz", snapshot.byteSize(), snapshot.sha256()))
                .orElseThrow(() -> new GoneException("snapshot " + id + " file is no longer available"));
    }

    /** The records a completed snapshot holds, for the access log of a download that discloses them. */
    public List<Long> recordIds(long id) {
        Snapshot snapshot = find(id);
        return store.recordIds(snapshot.at(), snapshot.asOf());
    }

    private Snapshot find(long id) {
        RecordService.validateId(id);
        return store.find(id).orElseThrow(() -> new NotFoundException("snapshot " + id + " not found"));
    }

    private String status(Snapshot snapshot) {
        if (snapshot.status() == SnapshotStatus.COMPLETED && snapshot.isExpired(now())) {
            return "expired";
        }
        return snapshot.status().text();
    }

    private void schedule(Snapshot snapshot) {
        runner.queued(snapshot.id());
        try {
            jobs.execute(() -> runner.run(snapshot));
        } catch (RejectedExecutionException e) {
            // Shutting down: the row stays in progress and the job runs at the next start.
            runner.dropped(snapshot.id());
        }
    }

    /** Deletes the files of expired snapshots; their rows stay, with the digest of what was there. */
    void purgeExpired() {
        for (Snapshot expired : store.expiredWithFiles(now())) {
            try {
                files.delete(expired.file());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot delete expired snapshot file " + expired.file() + ": " + e.getMessage());
                continue;
            }
            store.write(session -> {
                session.forgetFile(expired.id());
                session.appendEvent(new EventDraft(EVENT_EXPIRED, null, null, session.recordedAt(), null, JsonObject.builder()
                        .put("snapshot_id", expired.id())
                        .put("file", expired.file())
                        .put("expires_at", Instants.format(expired.expiresAt()))
                        .build()));
                return null;
            }).join();
        }
    }

    private void purgeQuietly() {
        try {
            purgeExpired();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "deleting expired snapshot files failed: " + e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Stops the job thread; an unfinished job stays in progress and runs again at the next start. */
    @Override
    public void close() {
        jobs.shutdownNow();
        DaemonThreads.awaitStop(jobs, JOB_STOP_WAIT, "snapshot job");
    }
}
