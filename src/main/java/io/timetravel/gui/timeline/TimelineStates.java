package io.timetravel.gui.timeline;

import io.timetravel.domain.access.Caller;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.ShownState;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.gui.timeline.TimelinePositions.StatePoint;
import io.timetravel.service.RecordService;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The states the timeline's positions show, read through {@link BackgroundTasks} at most one
 * read at a time and kept in a bounded cache by what was read (the valid and known instants of
 * {@link StatePoint}); the neighbours of a position are read ahead in the direction of movement.
 * An answer that comes back after {@link #dropInFlight()} or {@link #forget()} is not cached.
 *
 * <p>States are cached as the user may see them (personal fields masked without {@code pii};
 * with it, each read is recorded in the access log before it is shown).
 */
final class TimelineStates {

    /** States kept in memory; a state is small and the state at fixed instants never changes, so a few thousand is fine. */
    static final int CACHE_SIZE = 4096;
    /** Positions read ahead in the direction of movement, and behind it. */
    static final int AHEAD = 24;
    static final int BEHIND = 6;

    static final ShownState NOTHING = ShownState.plain(JsonObject.empty());

    /** What the timeline hears of a failed read: {@code wanted} says whether its answer was still wanted. */
    interface Failure {
        void failed(Throwable failure, boolean wanted);
    }

    private final RecordService records;
    private final WorkbenchAccess access;
    private final WorkspaceState state;
    private final BackgroundTasks tasks;
    /** A read came back (its states cached if still wanted): whatever was asked meanwhile may be served now. */
    private final Runnable answered;
    private final Failure failed;

    /** Bumped whenever what a position means changes (record, version list, axis, user): older answers are dropped. */
    private long generation;
    private boolean inFlight;
    private final Map<StatePoint, ShownState> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<StatePoint, ShownState> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    TimelineStates(RecordService records, WorkbenchAccess access, WorkspaceState state, BackgroundTasks tasks, Runnable answered,
                   Failure failed) {
        this.records = records;
        this.access = access;
        this.state = state;
        this.tasks = tasks;
        this.answered = answered;
        this.failed = failed;
    }

    /** Empties the cache and drops the answers on their way (another record, or another user). */
    void forget() {
        cache.clear();
        generation++;
    }

    /** Drops the answers on their way (the positions were laid out again). */
    void dropInFlight() {
        generation++;
    }

    /** Whether a read is on its way. */
    boolean reading() {
        return inFlight;
    }

    /** The states position {@code at} needs (its own and the previous position's) that are not cached. */
    Set<StatePoint> missing(TimelinePositions positions, int at) {
        Set<StatePoint> missing = new LinkedHashSet<>();
        need(positions, at, missing);
        return missing;
    }

    /** A position's state, from the cache; empty where nothing was in effect. */
    ShownState stateAt(TimelinePositions positions, int at) {
        return positions.inEffectAt(at) ? cache.get(positions.pointAt(at)) : NOTHING;
    }

    /** Reads states of record {@code recordId} in the background and caches them. */
    void read(Long recordId, Set<StatePoint> points) {
        long id = recordId;
        long current = generation;
        Caller caller = state.caller();
        inFlight = true;
        tasks.run(() -> readStates(id, points, caller), loaded -> {
            inFlight = false;
            if (current == generation) {
                cache.putAll(loaded);
            }
            // Whatever was asked meanwhile is served now; an answer for a position left behind
            // only fills the cache.
            answered.run();
        }, failure -> {
            inFlight = false;
            failed.failed(failure, current == generation);
        });
    }

    /** Reads states: a version's recorded state by its number, any other point as the fold there. */
    private Map<StatePoint, ShownState> readStates(long id, Set<StatePoint> points, Caller caller) {
        return access.disclose(caller, "timeline", disclosure -> {
            Map<StatePoint, ShownState> loaded = new LinkedHashMap<>();
            for (StatePoint point : points) {
                JsonObject data = point.recordedVersion() != 0
                        ? records.version(id, point.recordedVersion()).data()
                        : records.read(id, point.validAt(), point.knownAt()).data();
                loaded.put(point, ShownState.of(disclosure, id, data));
            }
            return loaded;
        });
    }

    /**
     * Reads the states around position {@code here} in the background, so the next steps find
     * them: {@link #AHEAD} in {@code direction} (1 or -1), {@link #BEHIND} the other way.
     */
    void readAhead(Long recordId, TimelinePositions positions, int here, int direction) {
        if (inFlight) {
            return;
        }
        Set<StatePoint> missing = new LinkedHashSet<>();
        // At either end the only way is back.
        int ahead = here == positions.size() ? -1 : here == 1 ? 1 : direction;
        for (int i = 1; i <= AHEAD && missing.size() < AHEAD; i++) {
            need(positions, here + ahead * i, missing);
        }
        for (int i = 1; i <= BEHIND && missing.size() < AHEAD + BEHIND; i++) {
            need(positions, here - ahead * i, missing);
        }
        if (!missing.isEmpty()) {
            read(recordId, missing);
        }
    }

    /** Adds the states a position needs (its own and the previous position's) that are not cached. */
    private void need(TimelinePositions positions, int at, Set<StatePoint> missing) {
        if (at < 1 || at > positions.size()) {
            return;
        }
        for (int p = Math.max(1, at - 1); p <= at; p++) {
            StatePoint point = positions.pointAt(p);
            if (!cache.containsKey(point)) {
                missing.add(point);
            }
        }
    }
}
