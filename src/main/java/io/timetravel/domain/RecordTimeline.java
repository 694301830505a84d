package io.timetravel.domain;

import io.timetravel.domain.json.JsonFootprint;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.KeySpelling;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything a record's versions say, indexed so that any state on both time axes can be read
 * without folding its history (docs/decisions/0019).
 *
 * <p><b>The rule.</b> A version is its own merge patch (RFC 7386) and a valid period
 * {@code [effective_at, valid_to)}. The state at valid time T1 as known at T2 is the fold, in
 * {@code (effective_at, recorded_at)} order, of the patches of the versions recorded at or
 * before T2 whose period contains T1. A correction therefore sets the fields it names from its
 * {@code effective_at} until a version effective later sets the same field (or its own
 * {@code valid_to}), and leaves every other field alone.
 *
 * <p><b>The index.</b> Each patch is flattened into assignments per path ({@link TimelinePath}):
 * a member set to a non-object value <em>sets</em> it, {@code null} <em>removes</em> it (both replace everything
 * below), and an object member <em>ensures</em> an object there (RFC 7386: it turns a
 * non-object into {@code {}} and keeps an object) and assigns its own members below. Folding
 * patches is then equivalent, path by path, to: the applicable assignment with the greatest
 * position {@code (effective_at, version)} wins, unless an ancestor's set or remove has a
 * greater position. (Version numbers follow {@code recorded_at}, so they break ties like it.)
 * A read visits each path the record ever had once, with a binary search in its assignments,
 * so its cost depends on the record's width, not on the length of its history.
 *
 * <p>Immutable as readers see it: {@link #with} returns a new timeline sharing everything the new
 * version does not touch, its arrays too (each timeline reads only its own prefix of them), so
 * readers may hold one while the writer builds the next.
 */
public final class RecordTimeline {

    /** Versions per block of the summary used to find the newest applicable version. */
    private static final int BLOCK = 64;
    /** The end of a period that has none: {@code valid_to} not set. */
    static final long OPEN = Long.MAX_VALUE;

    /** One version: what it is, and its own merge patch. */
    public record Entry(VersionInfo info, JsonObject patch) {
        public Entry {
            java.util.Objects.requireNonNull(info, "info");
            java.util.Objects.requireNonNull(patch, "patch");
        }

        /**
         * This entry as a timeline keeps it: keys and repeated strings as {@code spelling} keeps them, the
         * {@code previous} patch's array of keys for the same fields, one instant for equal times.
         */
        Entry compacted(KeySpelling spelling, Entry previous) {
            JsonObject spelled = previous == null ? patch.spelledBy(spelling) : patch.spelledBy(spelling).sharingKeysWith(previous.patch);
            VersionInfo compact = info.sharingInstants();
            return spelled == patch && compact == info ? this : new Entry(compact, spelled);
        }
    }

    /**
     * A state read from the timeline.
     *
     * @param newest the highest-numbered version of the fold (its facts describe the answer)
     * @param data   the fold's result
     */
    public record State(VersionInfo newest, JsonObject data) {
    }

    /** Heap one version keeps besides its patch: its facts, index entries and assignments. */
    private static final long BYTES_PER_ENTRY = 250;

    private static final RecordTimeline EMPTY = new RecordTimeline(new Entry[0], new long[0], new long[0], new long[0], 0,
            new AtomicInteger(), new long[0], new long[0], TimelinePath.EMPTY, 0);

    // The versions: the first `size` slots of arrays shared with the timelines with() makes from this one; the first
    // to claim the next slot (`claimed`: slots in use) takes it, the others copy (amortised O(1) a write, decision 0042).
    private final Entry[] entries;
    private final long[] effective;
    private final long[] validTo;
    private final long[] recorded;
    private final int size;
    private final AtomicInteger claimed;
    private final long[] blockMinEffective;
    private final long[] blockMaxValidTo;
    private final TimelinePath root;
    private final long footprint;

    private RecordTimeline(Entry[] entries, long[] effective, long[] validTo, long[] recorded, int size, AtomicInteger claimed,
                           long[] blockMinEffective, long[] blockMaxValidTo, TimelinePath root, long footprint) {
        this.entries = entries;
        this.effective = effective;
        this.validTo = validTo;
        this.recorded = recorded;
        this.size = size;
        this.claimed = claimed;
        this.blockMinEffective = blockMinEffective;
        this.blockMaxValidTo = blockMaxValidTo;
        this.root = root;
        this.footprint = footprint;
    }

    public static RecordTimeline empty() {
        return EMPTY;
    }

    /**
     * The timeline of the given versions, in version order (1, 2, 3, ...). Built in one pass
     * (a record's whole history is loaded this way), not by {@link #with} for each version.
     */
    public static RecordTimeline of(List<Entry> list) {
        int n = list.size();
        if (n == 0) {
            return EMPTY;
        }
        Entry[] entries = list.toArray(new Entry[0]);
        long[] effective = new long[n];
        long[] validTo = new long[n];
        long[] recorded = new long[n];
        int blocks = (n + BLOCK - 1) / BLOCK;
        long[] blockMin = new long[blocks];
        long[] blockMax = new long[blocks];
        Arrays.fill(blockMin, Long.MAX_VALUE);
        Arrays.fill(blockMax, Long.MIN_VALUE);
        TimelinePath.Builder root = new TimelinePath.Builder();
        long footprint = 0;
        for (int i = 0; i < n; i++) {
            footprint += footprint(entries[i]);
            VersionInfo info = entries[i].info();
            check(info, i, i == 0 ? Long.MIN_VALUE : recorded[i - 1]);
            effective[i] = micros(info.effectiveAt());
            validTo[i] = info.validTo() == null ? OPEN : micros(info.validTo());
            recorded[i] = micros(info.recordedAt());
            blockMin[i / BLOCK] = Math.min(blockMin[i / BLOCK], effective[i]);
            blockMax[i / BLOCK] = Math.max(blockMax[i / BLOCK], validTo[i]);
            entries[i] = entries[i].compacted(root, i == 0 ? null : entries[i - 1]);
            root.assign(entries[i].patch(), new PathAssignment(effective[i], i + 1L, validTo[i], null));
        }
        TimelinePath built = root.build();
        return new RecordTimeline(entries, effective, validTo, recorded, n, new AtomicInteger(n), blockMin, blockMax, built,
                footprint);
    }

    /** Keys are not counted: every version of a path shares its name with the timeline's index. */
    private static long footprint(Entry entry) {
        return BYTES_PER_ENTRY + JsonFootprint.withoutKeys(entry.patch());
    }

    /** Refuses a version that is not the next one, not recorded after the last, or valid for no time. */
    private static void check(VersionInfo info, int size, long lastRecorded) {
        if (info.version() != size + 1L) {
            throw new IllegalArgumentException("version " + info.version() + " does not follow " + size);
        }
        if (micros(info.recordedAt()) <= lastRecorded) {
            throw new IllegalArgumentException("version " + info.version() + " is not recorded after version " + size);
        }
        if (info.validTo() != null && !info.validTo().isAfter(info.effectiveAt())) {
            throw new IllegalArgumentException("valid_to must be after effective_at");
        }
    }

    /** Number of versions; the newest is version {@code size()}. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * Roughly how much heap this timeline keeps (its versions' facts, patches and index entries,
     * with {@link JsonFootprint}'s estimate): what a cache of timelines counts.
     */
    public long footprint() {
        return footprint;
    }

    /** A version's facts and patch; versions are numbered from 1. */
    public Entry entry(long version) {
        if (version < 1 || version > size) {
            throw new IllegalArgumentException("no version " + version + " of " + size);
        }
        return entries[(int) version - 1];
    }

    /** The versions, oldest first. */
    public List<Entry> entries() {
        return Collections.unmodifiableList(Arrays.asList(entries).subList(0, size));
    }

    /** The newest version's facts. */
    public Optional<VersionInfo> newest() {
        return size == 0 ? Optional.empty() : Optional.of(entries[size - 1].info());
    }

    /** When the record's first version was recorded. */
    public Optional<Instant> createdAt() {
        return size == 0 ? Optional.empty() : Optional.of(entries[0].info().recordedAt());
    }

    /**
     * This timeline with the next version added. Its number must be {@link #size()} + 1 and it
     * must be recorded after every version already here.
     */
    public RecordTimeline with(Entry next) {
        Entry entry = next.compacted(root, size == 0 ? null : entries[size - 1]);
        VersionInfo info = entry.info();
        int n = size;
        check(info, n, n == 0 ? Long.MIN_VALUE : recorded[n - 1]);
        long r = micros(info.recordedAt());
        long e = micros(info.effectiveAt());
        long vt = info.validTo() == null ? OPEN : micros(info.validTo());
        Entry[] nextEntries = entries;
        long[] nextEffective = effective;
        long[] nextValidTo = validTo;
        long[] nextRecorded = recorded;
        AtomicInteger nextClaimed = claimed;
        if (n == entries.length || !claimed.compareAndSet(n, n + 1)) { // full, or another's next slot: copy ours
            int capacity = Assignments.grownCapacity(n);
            nextEntries = new Entry[capacity];
            System.arraycopy(entries, 0, nextEntries, 0, n); // ours only: not another's next versions
            nextEffective = Arrays.copyOf(effective, capacity);
            nextValidTo = Arrays.copyOf(validTo, capacity);
            nextRecorded = Arrays.copyOf(recorded, capacity);
            nextClaimed = new AtomicInteger(n + 1);
        }
        nextEntries[n] = entry;
        nextEffective[n] = e;
        nextValidTo[n] = vt;
        nextRecorded[n] = r;
        int block = n / BLOCK;
        long[] nextMin;
        long[] nextMax;
        if (block == blockMinEffective.length) {
            nextMin = append(blockMinEffective, e);
            nextMax = append(blockMaxValidTo, vt);
        } else {
            nextMin = blockMinEffective.clone();
            nextMax = blockMaxValidTo.clone();
            nextMin[block] = Math.min(nextMin[block], e);
            nextMax[block] = Math.max(nextMax[block], vt);
        }
        TimelinePath nextRoot = root.assign(entry.patch(), new PathAssignment(e, info.version(), vt, null));
        return new RecordTimeline(nextEntries, nextEffective, nextValidTo, nextRecorded, n + 1, nextClaimed, nextMin, nextMax,
                nextRoot, footprint + footprint(entry));
    }

    /** Gives back this dropped trial's slot: the next {@link #with} on its origin takes it instead of copying. */
    private void releaseFrom(RecordTimeline origin) {
        Entry last = entries[size - 1];
        root.releaseFrom(origin.root, last.patch());
        if (entries == origin.entries) {
            entries[size - 1] = null;
            claimed.compareAndSet(size, size - 1);
        }
    }

    /**
     * The state true at {@code validAt} as known at {@code knownAt}; empty when no version
     * recorded by then is valid at that instant.
     */
    public Optional<State> at(Instant validAt, Instant knownAt) {
        return state(micros(validAt), knownVersions(knownAt));
    }

    /**
     * The state true at {@code validAt} as known once version {@code versions} was recorded (the
     * first {@code versions} versions; 0: none); empty when none of them is valid then.
     */
    public Optional<State> atVersions(Instant validAt, long versions) {
        if (versions < 0 || versions > size) {
            throw new IllegalArgumentException("no version " + versions + " in a timeline of " + size);
        }
        return state(micros(validAt), (int) versions);
    }

    /**
     * The state the store answered right after version {@code version} was recorded: valid and
     * known at its {@code recorded_at}. Empty when nothing was valid then (a record created
     * effective in the future).
     */
    public Optional<State> asRecorded(long version) {
        Entry entry = entry(version);
        return state(micros(entry.info().recordedAt()), (int) version);
    }

    /**
     * Whether adding {@code candidate} (the next version) changes the state at any valid time,
     * as known once it is recorded. A write that changes nothing creates no version.
     */
    public boolean changedBy(Entry candidate) {
        RecordTimeline next = with(candidate);
        try {
            return changes(next, candidate);
        } finally {
            next.releaseFrom(this);
        }
    }

    /** Whether {@code next}, this timeline with {@code candidate} added, answers differently at any valid time. */
    private boolean changes(RecordTimeline next, Entry candidate) {
        int n = next.size();
        long start = micros(candidate.info().effectiveAt());
        long end = next.validTo[n - 1];
        if (!sameState(state(start, n - 1), next.state(start, n))) {
            return true;
        }
        // The candidate changes nothing where it starts. Between its start and end, the states
        // with and without it can only part where an assignment under one of its top-level keys
        // starts or ends, or where another version's period ends (the record might not exist
        // there without it). Every such instant is some version's effective_at or valid_to: when
        // none lies after the start (a repeated write of what is true now, the usual case), there
        // is nothing more to compare, whatever the length of the history.
        if (!anyBoundaryAfter(start, n - 1)) {
            return false;
        }
        TreeSet<Long> boundaries = new TreeSet<>();
        for (String key : candidate.patch().members().keySet()) {
            TimelinePath node = root.children.get(key);
            if (node != null) {
                node.collectBoundaries(boundaries);
            }
        }
        for (int i = 0; i < n - 1; i++) {
            if (validTo[i] != OPEN) {
                boundaries.add(validTo[i]);
            }
        }
        for (long t : boundaries.subSet(start, false, end, false)) {
            if (!sameState(state(t, n - 1), next.state(t, n))) {
                return true;
            }
        }
        return false;
    }

    /** Whether one of the first {@code versions} versions starts or ends after {@code t}. */
    private boolean anyBoundaryAfter(long t, int versions) {
        for (int i = 0; i < versions; i++) {
            if (effective[i] > t || (validTo[i] != OPEN && validTo[i] > t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameState(Optional<State> a, Optional<State> b) {
        return a.isPresent() == b.isPresent() && (a.isEmpty() || a.get().data().equals(b.get().data()));
    }

    /** How many versions were recorded at or before {@code knownAt} (versions follow recorded_at). */
    private int knownVersions(Instant knownAt) {
        long t = micros(knownAt);
        int index = Arrays.binarySearch(recorded, 0, size, t);
        return index >= 0 ? index + 1 : -index - 1;
    }

    private Optional<State> state(long validAt, int known) {
        int newest = newestApplicable(validAt, known);
        if (newest == 0) {
            return Optional.empty();
        }
        JsonObject data = root.evaluate(validAt, known, Long.MIN_VALUE, 0);
        return Optional.of(new State(entries[newest - 1].info(), data));
    }

    /** The highest version among the first {@code known} whose period contains {@code t}; 0 if none. */
    private int newestApplicable(long t, int known) {
        int i = known - 1;
        while (i >= 0) {
            int block = i / BLOCK;
            if (blockMinEffective[block] > t || blockMaxValidTo[block] <= t) {
                i = block * BLOCK - 1;
                continue;
            }
            int first = block * BLOCK;
            for (; i >= first; i--) {
                if (effective[i] <= t && validTo[i] > t) {
                    return i + 1;
                }
            }
        }
        return 0;
    }

    private static long[] append(long[] values, long value) {
        long[] next = Arrays.copyOf(values, values.length + 1);
        next[values.length] = value;
        return next;
    }

    /** An instant as microseconds since the epoch (the store's precision). */
    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }
}
