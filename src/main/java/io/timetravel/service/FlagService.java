package io.timetravel.service;

import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.FeatureFlag;
import io.timetravel.domain.Instants;
import io.timetravel.domain.Regions;
import io.timetravel.domain.access.Actor;
import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonNull;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.domain.json.JsonString;
import io.timetravel.service.AuditWrites.AuditDraft;
import io.timetravel.service.EventWrites.EventDraft;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Feature flags: evaluation for a request, and audited changes.
 *
 * <p>Evaluations read an in-memory copy of the table, refreshed every {@link #DEFAULT_REFRESH}
 * (three rows; cheap), so a change made by hand in SQL takes effect within a second without a
 * restart, and a request never waits for the database to learn a flag. Changes through the API,
 * the desktop or the command line go through the writer with their audit entry and event, then
 * refresh the copy. A change made behind the application's back (by hand in SQL) leaves a row
 * that disagrees with the audit trail's last entry for it: the refresher notices and records it
 * as an external change (decision 0022).
 */
public final class FlagService implements AutoCloseable {

    public static final String V2_API = "enable_v2_api";
    public static final String AUDIT_LOGGING = "enable_audit_logging";
    public static final String METRICS = "enable_metrics";
    public static final Duration DEFAULT_REFRESH = Duration.ofMillis(250);
    public static final String EVENT_FLAG_CHANGED = "flag.changed";
    /** The event of a change made outside the application, found by the refresher. */
    public static final String EVENT_FLAG_CHANGED_EXTERNALLY = "flag.changed_externally";
    public static final String AUDIT_FLAG_UPDATE = "FLAG_UPDATE";
    /** The reason of the audit entry of a change made outside the application. */
    public static final String EXTERNAL_CHANGE_REASON = "changed outside the application";
    static final int MAX_DESCRIPTION_LENGTH = 500;
    /** The most entries of one flag's history {@link #history} answers. */
    public static final int MAX_HISTORY = 1_000;
    private static final System.Logger LOG = System.getLogger(FlagService.class.getName());

    private final FlagStore flags;
    private final RecordStore store;
    private final FlagEvaluationListener listener;
    private final List<Consumer<List<FeatureFlag>>> changeListeners = new CopyOnWriteArrayList<>();
    /** {@code null} for a service that only changes flags (the command line): no refresh, no watching. */
    private final ScheduledExecutorService refresher;
    private volatile Map<String, FeatureFlag> current;
    /** Held while the table is read and the copy replaced ({@link #refresh}). */
    private final Object refreshing = new Object();
    /**
     * The flags as they were when last compared with the audit trail (at first, as read at
     * start): what a flag never audited is compared with. Written by the refresher, and put back
     * by a recording that failed.
     */
    private volatile Map<String, FeatureFlag> compared;
    /** Compare at the next round even if the copy has not changed: at start, and after a failure. */
    private volatile boolean compareAgain = true;
    /** The recording of external changes in flight (refresher thread only): one at a time, so none twice. */
    private CompletableFuture<?> recording = CompletableFuture.completedFuture(null);

    /**
     * Flags that follow the table: the copy is read again every {@code refresh}, and changes made
     * outside the application are recorded when found.
     */
    public FlagService(FlagStore flags, RecordStore store, FlagEvaluationListener listener, Duration refresh) {
        this(flags, store, listener, Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("flag-refresh")));
        refresher.scheduleWithFixedDelay(this::refreshAndWatch, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    private FlagService(FlagStore flags, RecordStore store, FlagEvaluationListener listener, ScheduledExecutorService refresher) {
        this.flags = flags;
        this.store = store;
        this.listener = listener;
        this.current = index(flags.all());
        this.compared = current;
        this.refresher = refresher;
    }

    /**
     * Flags for one change from the command line beside a server: read once, never refreshed, and
     * no watching for external changes (the server does that; two watchers could record one twice).
     */
    public static FlagService forChanges(FlagStore flags, RecordStore store) {
        return new FlagService(flags, store, FlagEvaluationListener.none(), (ScheduledExecutorService) null);
    }

    /** Whether the flag is on for this user and region; counted. An unknown flag is off. */
    public boolean isEnabled(String key, long userId, String region) {
        FeatureFlag flag = current.get(key);
        boolean on = flag != null && flag.isOnFor(userId, region);
        listener.evaluated(key, on);
        return on;
    }

    /**
     * Whether the flag's switch is on at all, for work done on nobody's behalf (copying metrics):
     * its rollout percentage and regions, which choose among users, do not apply. Counted.
     */
    public boolean isSwitchedOn(String key) {
        FeatureFlag flag = current.get(key);
        boolean on = flag != null && flag.enabled();
        listener.evaluated(key, on);
        return on;
    }

    /** Whether evaluating the flag for a request needs the request's region (it has a region list). */
    public boolean dependsOnRegion(String key) {
        FeatureFlag flag = current.get(key);
        return flag != null && flag.enabled() && !flag.regions().isEmpty();
    }

    /** The change-audit rule of records: on when enable_audit_logging is on for that actor and region. */
    public AuditPolicy auditPolicy() {
        return (actor, region) -> isEnabled(AUDIT_LOGGING, actor, region);
    }

    public List<FeatureFlag> list() {
        return List.copyOf(current.values());
    }

    public Optional<FeatureFlag> get(String key) {
        return Optional.ofNullable(current.get(key));
    }

    /**
     * The flag's own history, newest first (at most {@link #MAX_HISTORY} entries): every audited
     * change, by the API, the desktop, the command line, or found made outside the application
     * (actor 0, reason {@link #EXTERNAL_CHANGE_REASON}). Reads the database.
     */
    public List<AuditEntry> history(String key) {
        if (!current.containsKey(key)) {
            throw new NotFoundException("unknown flag \"" + key + "\"; flags are " + String.join(", ", current.keySet()));
        }
        return flags.history(key, MAX_HISTORY);
    }

    /** Whether an audit entry of a flag records a change made outside the application (found by the refresher). */
    public static boolean isExternal(AuditEntry entry) {
        return entry.actor() == Actor.ANONYMOUS.id() && EXTERNAL_CHANGE_REASON.equals(entry.reason());
    }

    /** Called with all flags whenever the copy changes (by API, desktop or SQL), on a background thread. */
    public void onChange(Consumer<List<FeatureFlag>> listener) {
        changeListeners.add(listener);
    }

    /**
     * Changes a flag. Always audited, with the actor and reason, whatever enable_audit_logging
     * says: switching the audit off must itself leave a trace.
     */
    public CompletableFuture<FeatureFlag> update(String key, FlagChange change, long actor) {
        return update(key, change, Actor.declared(actor));
    }

    /** Changes a flag on behalf of {@code by}, recording whether that actor was verified. */
    public CompletableFuture<FeatureFlag> update(String key, FlagChange change, Actor by) {
        long actor = by.id();
        validate(change);
        String reason = RecordService.normalizeReason(change.reason());
        if (!current.containsKey(key)) {
            throw new NotFoundException("unknown flag \"" + key + "\"; flags are " + String.join(", ", current.keySet()));
        }
        return store.write(session -> {
            FeatureFlag before = session.flag(key).orElseThrow(() -> new NotFoundException("unknown flag \"" + key + "\""));
            Instant now = session.recordedAt();
            FeatureFlag after = new FeatureFlag(key,
                    change.enabled() != null ? change.enabled() : before.enabled(),
                    change.rolloutPercentage() != null ? change.rolloutPercentage() : before.rolloutPercentage(),
                    change.regions() != null ? change.regions().stream().map(Regions::normalize).distinct().sorted().toList()
                            : before.regions(),
                    change.description() != null ? change.description().strip() : before.description(),
                    now, actor);
            save(session, json(before), after, by, reason, EVENT_FLAG_CHANGED);
            return after;
        }).thenApply(after -> {
            refreshQuietly();
            return after;
        });
    }

    /** Stores a flag's new settings with the audit entry and the event that tell of the change, in one unit of work. */
    private static void save(WriteSession session, JsonObject oldValue, FeatureFlag after, Actor by,
                             String reason, String eventType) {
        session.saveFlag(after);
        JsonObject newValue = json(after);
        Instant at = session.recordedAt();
        session.appendAudit(new AuditDraft(null, null, AUDIT_FLAG_UPDATE, at, by.id(), oldValue.toJson(), newValue.toJson(), reason,
                by.verified()));
        session.appendEvent(new EventDraft(eventType, null, null, at, by.id(), JsonObject.builder()
                .put("flag_key", after.key())
                .put("old_value", oldValue)
                .put("new_value", newValue)
                .put("reason", RecordService.textOrNull(reason))
                .build()));
    }

    /** Refuses a change the API would refuse (nothing to change, a percentage or region out of range). */
    public static void validate(FlagChange change) {
        if (change.isEmpty()) {
            throw new InvalidRequestException("nothing to change; give enabled, rollout_percentage, regions or description");
        }
        Integer percentage = change.rolloutPercentage();
        if (percentage != null && (percentage < 0 || percentage > 100)) {
            throw new InvalidRequestException("invalid rollout_percentage; use a whole number from 0 to 100");
        }
        if (change.regions() != null) {
            for (String region : change.regions()) {
                if (!Regions.isValid(region)) {
                    throw new InvalidRequestException("invalid region \"" + region
                            + "\"; use letters, digits, '-' or '_', up to 32 characters (e.g. EU, US-EAST)");
                }
            }
        }
        if (change.description() != null && change.description().length() > MAX_DESCRIPTION_LENGTH) {
            throw new InvalidRequestException("description longer than " + MAX_DESCRIPTION_LENGTH + " characters");
        }
    }

    /** A flag as JSON: its API form, and what audit entries and events hold. */
    public static JsonObject json(FeatureFlag flag) {
        List<JsonString> regions = new ArrayList<>();
        flag.regions().forEach(region -> regions.add(JsonString.of(region)));
        return JsonObject.builder()
                .put("flag_key", flag.key())
                .put("enabled", flag.enabled())
                .put("rollout_percentage", flag.rolloutPercentage())
                .put("regions", JsonArray.of(regions))
                .put("description", flag.description())
                .put("updated_at", flag.updatedAt() == null ? JsonNull.INSTANCE : JsonString.of(Instants.format(flag.updatedAt())))
                .put("updated_by", flag.updatedBy() == null ? JsonNull.INSTANCE : JsonNumber.of(flag.updatedBy()))
                .build();
    }

    /**
     * Reads the table again now; normally the refresher does this every {@link #DEFAULT_REFRESH}.
     * One refresh at a time, so that the copy is always the table as read last: a round of the
     * refresher that read the table before a change committed would otherwise put its older copy
     * back after the change's own refresh, and a caller would not see its change at once.
     */
    public void refresh() {
        synchronized (refreshing) {
            Map<String, FeatureFlag> fresh = index(flags.all());
            if (!fresh.equals(current)) {
                current = fresh;
                List<FeatureFlag> all = List.copyOf(fresh.values());
                changeListeners.forEach(listener -> listener.accept(all));
            }
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // Keep the last known flags; the next refresh tries again.
            LOG.log(System.Logger.Level.WARNING, "could not refresh feature flags: " + e.getMessage());
        }
    }

    /** The refresher's round: read the table, then record what changed behind the application's back. */
    private void refreshAndWatch() {
        refreshQuietly();
        try {
            recordExternalChanges();
        } catch (RuntimeException e) {
            // Nothing recorded; the flags are compared again at the next round.
            compareAgain = true;
            LOG.log(System.Logger.Level.WARNING, "could not look for flag changes made outside the application: " + e.getMessage());
        }
    }

    /**
     * Compares every flag with the newest audit entry for it (or, for a flag never audited, with
     * the copy compared last time) at start and whenever the copy has changed since, and
     * records each difference on the writer: an audit entry by actor 0, unverified, with the
     * reason {@link #EXTERNAL_CHANGE_REASON}, and a {@link #EVENT_FLAG_CHANGED_EXTERNALLY} event,
     * both with the old and new settings. The application's own changes are never found: their
     * row and audit entry commit together and are read together. Runs on the refresher thread.
     */
    private void recordExternalChanges() {
        Map<String, FeatureFlag> seen = current;
        if (!recording.isDone() || !compareAgain && seen.equals(compared)) {
            return;
        }
        Map<String, FeatureFlag> before = compared;
        List<FlagStore.Audited> rows = flags.allWithLastAudit();
        List<ExternalChange> changes = new ArrayList<>();
        for (FlagStore.Audited row : rows) {
            FeatureFlag found = row.stored();
            Optional<JsonObject> reference = row.lastAudited().flatMap(FlagService::parsedQuietly)
                    .or(() -> Optional.ofNullable(before.get(found.key())).map(FlagService::json));
            if (reference.isPresent() && !settings(reference.get()).equals(settings(json(found)))) {
                changes.add(new ExternalChange(found, reference.get()));
            }
        }
        compared = index(rows.stream().map(FlagStore.Audited::stored).toList());
        compareAgain = false;
        if (changes.isEmpty()) {
            return;
        }
        recording = store.write(session -> recordExternal(session, changes)).whenComplete((recorded, failure) -> {
            if (failure != null) {
                compared = before;
                compareAgain = true;
                LOG.log(System.Logger.Level.WARNING, "could not record flag changes made outside the application: "
                        + ServiceException.cause(failure).getMessage());
            } else if (recorded > 0) {
                refreshQuietly(); // the rows now say when the change was found
            }
        });
    }

    /** A flag found changed behind the application's back, and what the application knew it as (flag JSON). */
    private record ExternalChange(FeatureFlag found, JsonObject before) {
    }

    private static int recordExternal(WriteSession session, List<ExternalChange> changes) {
        int recorded = 0;
        for (ExternalChange change : changes) {
            FeatureFlag found = change.found();
            if (!session.flag(found.key()).equals(Optional.of(found))) {
                continue; // changed again since it was read: the next comparison sees the newer row
            }
            // The row now says when the change was found and that nobody known made it.
            FeatureFlag after = new FeatureFlag(found.key(), found.enabled(), found.rolloutPercentage(), found.regions(),
                    found.description(), session.recordedAt(), null);
            save(session, change.before(), after, Actor.ANONYMOUS, EXTERNAL_CHANGE_REASON,
                    EVENT_FLAG_CHANGED_EXTERNALLY);
            recorded++;
        }
        return recorded;
    }

    /** What a flag's JSON says about its behaviour: everything but when and by whom it was last changed. */
    private static JsonObject settings(JsonObject flag) {
        return flag.toBuilder().remove("updated_at").remove("updated_by").build();
    }

    /** An audit entry's value as JSON; empty when someone has broken it (verify reports that, not the refresher). */
    private static Optional<JsonObject> parsedQuietly(String json) {
        try {
            return Optional.of(JsonParser.parseObject(json));
        } catch (JsonParseException e) {
            return Optional.empty();
        }
    }

    private static Map<String, FeatureFlag> index(List<FeatureFlag> flags) {
        Map<String, FeatureFlag> map = new LinkedHashMap<>();
        flags.forEach(flag -> map.put(flag.key(), flag));
        return Collections.unmodifiableMap(map);
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }
}
