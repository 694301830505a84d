package io.timetravel.service;

import io.timetravel.domain.FeatureFlag;
import io.timetravel.domain.Instants;
import io.timetravel.domain.Regions;
import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonNull;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.service.WriteSession.AuditDraft;
import io.timetravel.service.WriteSession.EventDraft;
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
 * restart, and a request never waits for the database to learn a flag. Changes through the API
 * or the desktop go through the writer with their audit entry and event, then refresh the copy.
 */
public final class FlagService implements AutoCloseable {

    public static final String V2_API = "enable_v2_api";
    public static final String AUDIT_LOGGING = "enable_audit_logging";
    public static final String METRICS = "enable_metrics";
    public static final Duration DEFAULT_REFRESH = Duration.ofMillis(250);
    public static final String EVENT_FLAG_CHANGED = "flag.changed";
    public static final String AUDIT_FLAG_UPDATE = "FLAG_UPDATE";
    static final int MAX_DESCRIPTION_LENGTH = 500;
    private static final System.Logger LOG = System.getLogger(FlagService.class.getName());

    private final FlagStore flags;
    private final RecordStore store;
    private final FlagEvaluationListener listener;
    private final List<Consumer<List<FeatureFlag>>> changeListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService refresher;
    private volatile Map<String, FeatureFlag> current;

    public FlagService(FlagStore flags, RecordStore store, FlagEvaluationListener listener, Duration refresh) {
        this.flags = flags;
        this.store = store;
        this.listener = listener;
        this.current = index(flags.all());
        this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "flag-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshQuietly, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
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

    /** Called with all flags whenever the copy changes (by API, desktop or SQL), on a background thread. */
    public void onChange(Consumer<List<FeatureFlag>> listener) {
        changeListeners.add(listener);
    }

    /**
     * Changes a flag. Always audited, with the actor and reason, whatever enable_audit_logging
     * says: switching the audit off must itself leave a trace.
     */
    public CompletableFuture<FeatureFlag> update(String key, FlagChange change, long actor) {
        return update(key, change, io.timetravel.domain.access.Actor.declared(actor));
    }

    /** Changes a flag on behalf of {@code by}, recording whether that actor was verified. */
    public CompletableFuture<FeatureFlag> update(String key, FlagChange change, io.timetravel.domain.access.Actor by) {
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
            session.saveFlag(after);
            JsonObject oldValue = json(before);
            JsonObject newValue = json(after);
            session.appendAudit(new AuditDraft(null, null, AUDIT_FLAG_UPDATE, now, actor, oldValue.toJson(), newValue.toJson(), reason,
                    by.verified()));
            session.appendEvent(new EventDraft(EVENT_FLAG_CHANGED, null, null, now, actor, JsonObject.builder()
                    .put("flag_key", key)
                    .put("old_value", oldValue)
                    .put("new_value", newValue)
                    .put("reason", RecordService.textOrNull(reason))
                    .build()));
            return after;
        }).thenApply(after -> {
            refreshQuietly();
            return after;
        });
    }

    static void validate(FlagChange change) {
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

    /** Reads the table again now; normally the refresher does this every {@link #DEFAULT_REFRESH}. */
    public void refresh() {
        Map<String, FeatureFlag> fresh = index(flags.all());
        if (!fresh.equals(current)) {
            current = fresh;
            List<FeatureFlag> all = List.copyOf(fresh.values());
            changeListeners.forEach(listener -> listener.accept(all));
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

    private static Map<String, FeatureFlag> index(List<FeatureFlag> flags) {
        Map<String, FeatureFlag> map = new LinkedHashMap<>();
        flags.forEach(flag -> map.put(flag.key(), flag));
        return Collections.unmodifiableMap(map);
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
