package io.timetravel.service;

import io.timetravel.domain.Instants;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.premium.PremiumEngine;
import io.timetravel.domain.premium.PremiumEngines;
import io.timetravel.domain.premium.PremiumOutcome;
import io.timetravel.domain.premium.Recalculation;
import io.timetravel.domain.premium.Recalculation.Status;
import io.timetravel.domain.premium.RecalculationTally;
import io.timetravel.service.EventWrites.EventDraft;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Recalculations: every record priced at one instant by several engines, in the background, to
 * see what moving the {@code new_risk_engine} flag would do to the book before it is moved.
 *
 * <p>A request is recorded (row and event) in one writer transaction and answered at once; one
 * job thread then pages through the records by id, prices each state with every engine and adds
 * it to a {@link RecalculationTally}, whose size does not depend on the number of records. Like a
 * snapshot, a job is fixed by its instants, so one a crash or shutdown interrupted is run again
 * at start-up. Cancelling records the end at once; the job stops before its next page.
 */
public final class RecalculationService implements AutoCloseable {

    public static final String EVENT_REQUESTED = "recalculation.requested";
    public static final String EVENT_COMPLETED = "recalculation.completed";
    public static final String EVENT_CANCELLED = "recalculation.cancelled";
    public static final String EVENT_FAILED = "recalculation.failed";
    public static final BigDecimal DEFAULT_THRESHOLD = BigDecimal.TEN;
    static final BigDecimal MAX_THRESHOLD = BigDecimal.valueOf(1_000);
    static final int MAX_ENGINES = 4;
    /** The most jobs {@link #list} answers. */
    public static final int MAX_LIST = 1_000;
    /** Records priced per read. */
    static final int PAGE = 500;
    private static final int MAX_ERROR_LENGTH = 500;
    private static final System.Logger LOG = System.getLogger(RecalculationService.class.getName());
    private static final Duration JOB_STOP_WAIT = Duration.ofSeconds(10);

    /** A job's live progress. */
    private static final class Running {
        volatile long processed;
        volatile long total;
        volatile boolean cancelled;

        Running(long total) {
            this.total = total;
        }
    }

    private final RecalculationStore store;
    private final PremiumEngines engines;
    private final Clock clock;
    private final PremiumMetrics metrics;
    private final ExecutorService jobs;
    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    /** Set by {@link #close()}: a job stopped by it stays in progress and runs again at the next start. */
    private volatile boolean closing;

    public RecalculationService(RecalculationStore store, PremiumEngines engines, Clock clock, PremiumMetrics metrics) {
        this.store = store;
        this.engines = engines;
        this.clock = clock;
        this.metrics = metrics;
        this.jobs = Executors.newSingleThreadExecutor(DaemonThreads.named("timetravel-recalculations"));
    }

    /** Start-up: runs again the jobs the last run left unfinished. */
    public void start() {
        for (Recalculation unfinished : store.unfinished()) {
            LOG.log(System.Logger.Level.INFO, "recalculation " + unfinished.id() + " was interrupted; running it again");
            schedule(unfinished);
        }
    }

    /** Records the request and queues its job; completes once the request is durable. */
    public CompletableFuture<Recalculation> request(RecalculationRequest request) {
        String reason = RecordService.normalizeReason(request.reason());
        if (reason == null) {
            throw new InvalidRequestException("a reason is required: say why the book is being recalculated");
        }
        RecordService.validateActor(request.requestedBy());
        if (request.asOf() != null && request.asOf().isAfter(clock.instant())) {
            throw new InvalidRequestException("as_of is in the future; a recalculation prices what is known, not what may be");
        }
        BigDecimal threshold = request.thresholdPercent() == null ? DEFAULT_THRESHOLD : request.thresholdPercent();
        if (threshold.signum() < 0 || threshold.compareTo(MAX_THRESHOLD) > 0) {
            throw new InvalidRequestException("threshold_percent must be from 0 to " + MAX_THRESHOLD);
        }
        List<String> labels = labels(request.engines());
        long total = store.recordTotal();
        return store.write(session -> {
            Instant requestedAt = session.recordedAt();
            Instant asOf = request.asOf() != null ? request.asOf() : requestedAt;
            Instant at = request.at() != null ? request.at() : asOf;
            Recalculation job = session.insert(new RecalculationStore.NewRecalculation(at, asOf, labels, threshold, reason,
                    request.requestedBy(), requestedAt, total));
            List<JsonString> engineNames = labels.stream().map(JsonString::of).toList();
            session.appendEvent(new EventDraft(EVENT_REQUESTED, null, null, requestedAt, request.requestedBy(),
                    JsonObject.builder()
                            .put("recalculation_id", job.id())
                            .put("at", Instants.format(at))
                            .put("as_of", Instants.format(asOf))
                            .put("engines", JsonArray.of(engineNames))
                            .put("threshold_percent", JsonNumber.of(threshold))
                            .put("reason", reason)
                            .build()));
            return job;
        }).thenApply(job -> {
            schedule(job);
            return job;
        });
    }

    /** The engines' labels: each named one at the version named or the newest in force; by default every engine. */
    private List<String> labels(List<String> requested) {
        Instant now = clock.instant();
        List<String> names = requested.isEmpty() ? engines.names() : requested;
        if (names.size() > MAX_ENGINES) {
            throw new InvalidRequestException("at most " + MAX_ENGINES + " engines at once");
        }
        Set<String> labels = new LinkedHashSet<>();
        for (String name : names) {
            PremiumEngine engine = resolve(name, now);
            if (!labels.add(engine.label())) {
                throw new InvalidRequestException("engine " + engine.label() + " is named twice");
            }
        }
        return List.copyOf(labels);
    }

    private PremiumEngine resolve(String text, Instant now) {
        String known = "; engines: " + String.join(", ", engines.names()) + " (optionally name@version)";
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException("an engine name is empty" + known);
        }
        int at = text.indexOf('@');
        String name = at < 0 ? text : text.substring(0, at);
        if (!engines.names().contains(name)) {
            throw new InvalidRequestException("unknown engine \"" + text + "\"" + known);
        }
        if (at < 0) {
            return engines.inForce(name, now).orElseThrow(() -> new InvalidRequestException(
                    "engine " + name + " has no version released yet; name one as " + name + "@version"));
        }
        try {
            int version = Integer.parseInt(text.substring(at + 1));
            return engines.find(name, version).orElseThrow(() -> new InvalidRequestException(
                    "engine " + name + " has no version " + version));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("invalid engine \"" + text + "\"; use name or name@version");
        }
    }

    /** The job as stored, with its live progress while it runs. */
    public Recalculation get(long id) {
        if (id < 1) {
            throw new InvalidRequestException("invalid recalculation id; ids are positive integers");
        }
        Recalculation stored = store.find(id).orElseThrow(() -> new NotFoundException("recalculation " + id + " does not exist"));
        return withLiveProgress(stored);
    }

    /** The newest jobs, newest first, with live progress. */
    public List<Recalculation> list(int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw new InvalidRequestException("invalid limit; use 1 to " + MAX_LIST);
        }
        List<Recalculation> jobs = new ArrayList<>();
        for (Recalculation stored : store.newest(limit)) {
            jobs.add(withLiveProgress(stored));
        }
        return jobs;
    }

    /** A stored job still in progress with how far its run has got; any other as stored. */
    private Recalculation withLiveProgress(Recalculation stored) {
        Running live = running.get(stored.id());
        return live == null || stored.status().finished() ? stored : stored.withProgress(live.processed, live.total);
    }

    /** Cancels a job still in progress; 409 when it already ended. Completes once the cancellation is durable. */
    public CompletableFuture<Recalculation> cancel(long id, long actor) {
        RecordService.validateActor(actor);
        Recalculation job = get(id);
        if (job.status().finished()) {
            throw new ConflictException("recalculation " + id + " already ended: " + job.status().text());
        }
        Running live = running.get(id);
        if (live != null) {
            live.cancelled = true;
        }
        long processed = job.processed();
        return store.write(session -> {
            Recalculation ended = session.finish(id, Status.CANCELLED, processed, job.total(), null,
                    "cancelled by user " + actor, session.recordedAt())
                    .orElseThrow(() -> new ConflictException("recalculation " + id + " already ended"));
            session.appendEvent(new EventDraft(EVENT_CANCELLED, null, null, session.recordedAt(), actor,
                    JsonObject.builder().put("recalculation_id", id).put("processed", processed).build()));
            return ended;
        });
    }

    private void schedule(Recalculation job) {
        Running live = new Running(job.total());
        running.put(job.id(), live);
        try {
            jobs.execute(() -> run(job, live));
        } catch (RejectedExecutionException e) {
            running.remove(job.id());
            LOG.log(System.Logger.Level.DEBUG, "recalculation " + job.id() + " not started: shutting down");
        }
    }

    private void run(Recalculation job, Running live) {
        Status ended = Status.FAILED;
        try {
            if (store.find(job.id()).map(stored -> stored.status().finished()).orElse(true)) {
                ended = Status.CANCELLED;
                return;
            }
            Optional<RecalculationTally> tally = tally(job, live);
            if (tally.isEmpty()) {
                ended = Status.CANCELLED;
                return;
            }
            complete(job, live, tally.get());
            ended = Status.COMPLETED;
        } catch (RuntimeException e) {
            if (closing) {
                LOG.log(System.Logger.Level.INFO, "recalculation " + job.id()
                        + " stopped by the shutdown; it runs again at the next start");
                return;
            }
            LOG.log(System.Logger.Level.ERROR, "recalculation " + job.id() + " failed: " + e, e);
            failQuietly(job, live, e);
        } finally {
            running.remove(job.id());
            metrics.recalculationEnded(job.id(), ended.text());
        }
    }

    /** Prices every record; empty when cancelled on the way. */
    private Optional<RecalculationTally> tally(Recalculation job, Running live) {
        List<PremiumEngine> priced = job.engines().stream().map(label -> resolve(label, Instants.MAX)).toList();
        RecalculationTally tally = new RecalculationTally(job.engines(), job.thresholdPercent());
        long after = 0;
        long processed = 0;
        while (true) {
            if (live.cancelled || Thread.currentThread().isInterrupted()) {
                return Optional.empty();
            }
            SnapshotStore.StatePage page = store.statesAt(job.validAt(), job.knownAt(), after, PAGE);
            if (live.cancelled) {
                return Optional.empty();
            }
            for (RecordVersion state : page.states()) {
                List<PremiumOutcome> outcomes = new ArrayList<>(priced.size());
                priced.forEach(engine -> outcomes.add(engine.price(state.data(), job.validAt())));
                tally.add(state.recordId(), outcomes);
            }
            processed += page.scanned();
            live.processed = processed;
            live.total = Math.max(live.total, processed);
            metrics.recalculationProgress(job.id(), processed, live.total);
            after = page.lastRecordId();
            if (page.scanned() < PAGE) {
                return Optional.of(tally);
            }
        }
    }

    private void complete(Recalculation job, Running live, RecalculationTally tally) {
        JsonObject result = tally.json();
        store.write(session -> {
            Instant now = session.recordedAt();
            session.finish(job.id(), Status.COMPLETED, live.processed, live.total, result, null, now).ifPresent(done ->
                    session.appendEvent(new EventDraft(EVENT_COMPLETED, null, null, now, job.requestedBy(), JsonObject.builder()
                            .put("recalculation_id", job.id())
                            .put("records", live.processed)
                            .put("priced", tally.records())
                            .build())));
            return null;
        }).join();
    }

    private void failQuietly(Recalculation job, Running live, RuntimeException cause) {
        String error = String.valueOf(cause.getMessage());
        String message = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        try {
            store.write(session -> {
                Instant now = session.recordedAt();
                session.finish(job.id(), Status.FAILED, live.processed, live.total, null, message, now).ifPresent(done ->
                        session.appendEvent(new EventDraft(EVENT_FAILED, null, null, now, job.requestedBy(),
                                JsonObject.builder().put("recalculation_id", job.id()).put("error", message).build())));
                return null;
            }).join();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not record that recalculation " + job.id() + " failed: " + e);
        }
    }

    @Override
    public void close() {
        closing = true;
        running.values().forEach(live -> live.cancelled = true);
        jobs.shutdownNow();
        DaemonThreads.awaitStop(jobs, JOB_STOP_WAIT, "recalculation job");
    }
}
