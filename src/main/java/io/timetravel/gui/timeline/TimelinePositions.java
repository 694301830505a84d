package io.timetravel.gui.timeline;

import io.timetravel.domain.VersionInfo;
import io.timetravel.gui.TimeAxis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A record's versions laid out along one time axis: which version sits at each timeline
 * position, its instant on that axis, and which state the position shows, by the rule of
 * decision 0019 (the state at valid time T1 as known at T2 is the fold of the versions recorded
 * by T2 whose valid period contains T1).
 *
 * <p>Positions are numbered 1..n. On the transaction axis position k is version k, shown as the
 * store answered right after recording it ({@code at = as_of = recorded_at}): read by number,
 * {@code RecordService.version(id, k)}. On the valid axis positions follow {@code effective_at}
 * (ties: recording order) and show the fold at that instant as known when the newest listed
 * version was recorded, which is "as known now" for this list. Each position names the
 * {@link StatePoint} it shows, so the states can be cached by what was read. Computed once per
 * version list, in O(n log n).
 */
final class TimelinePositions {

    static final TimelinePositions EMPTY = new TimelinePositions(TimeAxis.TRANSACTION, List.of());

    /**
     * A state of the record: the fold at {@code validAt} as known at {@code knownAt}. When
     * {@code recordedVersion} is not 0 the point is that version's recorded state (valid and
     * known at its {@code recorded_at}), and it is read by number. Two equal points always hold
     * the same state: versions are only appended, after every instant a list knows.
     */
    record StatePoint(Instant validAt, Instant knownAt, long recordedVersion) {
    }

    /**
     * A version with a bounded valid period, as the track marks it: from its position to
     * {@code end}, the fractional position where its {@code valid_to} falls between the
     * positions around it (on the transaction axis, its own position).
     */
    record PeriodMark(int position, double end) {
    }

    private static final long OPEN = Long.MAX_VALUE;

    private final TimeAxis axis;
    private final List<VersionInfo> versions;
    /** Position (0-based) → index into {@link #versions}. */
    private final int[] atPosition;
    /** Index into {@link #versions} → position (0-based). */
    private final int[] positionOf;
    /** Position (0-based) → its instant on the axis, in epoch microseconds (non-decreasing). */
    private final long[] instants;
    /** Position (0-based) → whether any version was in effect at the state it shows. */
    private final boolean[] inEffect;
    /** What the valid axis knows: the newest listed version's recorded_at (null when empty). */
    private final Instant knownNow;
    /** Valid axis: position (1..n) → the bounded versions whose period ends after the position before it, and by it. */
    private final Map<Integer, List<VersionInfo>> endingAt = new HashMap<>();

    /** {@code versions} must be the record's versions oldest first (version i + 1 at index i). */
    TimelinePositions(TimeAxis axis, List<VersionInfo> versions) {
        this.axis = axis;
        this.versions = List.copyOf(versions);
        int n = versions.size();
        atPosition = new int[n];
        positionOf = new int[n];
        instants = new long[n];
        inEffect = new boolean[n];
        knownNow = n == 0 ? null : versions.get(n - 1).recordedAt();
        if (axis == TimeAxis.TRANSACTION) {
            layOutByRecording();
        } else {
            layOutByEffect();
        }
        for (int p = 0; p < n; p++) {
            positionOf[atPosition[p]] = p;
        }
        if (axis == TimeAxis.VALID) {
            for (int p = 1; p <= n; p++) {
                VersionInfo version = at(p);
                int next = version.validTo() == null ? n + 1 : lastBefore(version.validTo()) + 1;
                if (next <= n) {
                    endingAt.computeIfAbsent(next, key -> new ArrayList<>()).add(version);
                }
            }
        }
    }

    /**
     * Version k at position k. Whether anything was in effect at its recorded_at: a sweep over
     * recording order, with the versions not yet effective waiting by effective_at and those in
     * effect by valid_to (recorded_at only grows, so an ended version stays ended).
     */
    private void layOutByRecording() {
        PriorityQueue<long[]> waiting = new PriorityQueue<>(Comparator.comparingLong(period -> period[0]));
        PriorityQueue<Long> ends = new PriorityQueue<>();
        for (int k = 0; k < versions.size(); k++) {
            VersionInfo version = versions.get(k);
            atPosition[k] = k;
            long now = micros(version.recordedAt());
            instants[k] = now;
            waiting.add(new long[] {micros(version.effectiveAt()), validTo(version)});
            while (!waiting.isEmpty() && waiting.peek()[0] <= now) {
                ends.add(waiting.poll()[1]);
            }
            while (!ends.isEmpty() && ends.peek() <= now) {
                ends.poll();
            }
            inEffect[k] = !ends.isEmpty();
        }
    }

    /** Positions by effective_at, ties in recording order; a version is always in effect at its own effective_at. */
    private void layOutByEffect() {
        int n = versions.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer, Instant>comparing(i -> versions.get(i).effectiveAt()).thenComparingInt(i -> i));
        for (int p = 0; p < n; p++) {
            atPosition[p] = order[p];
            instants[p] = micros(versions.get(order[p]).effectiveAt());
            inEffect[p] = true;
        }
    }

    private static long validTo(VersionInfo version) {
        return version.validTo() == null ? OPEN : micros(version.validTo());
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }

    TimeAxis axis() {
        return axis;
    }

    List<VersionInfo> versions() {
        return versions;
    }

    /** The number of positions (= versions). */
    int size() {
        return versions.size();
    }

    /** The version at a position (1..n). */
    VersionInfo at(int position) {
        return versions.get(atPosition[position - 1]);
    }

    /** The state a position (1..n) shows. */
    StatePoint pointAt(int position) {
        VersionInfo version = at(position);
        return axis == TimeAxis.TRANSACTION
                ? new StatePoint(version.recordedAt(), version.recordedAt(), version.version())
                : new StatePoint(version.effectiveAt(), knownNow, 0);
    }

    /** Whether any version was in effect at the state a position (1..n) shows; else that state is empty. */
    boolean inEffectAt(int position) {
        return inEffect[position - 1];
    }

    /** The position (1..n) of a version number, or 0 when the list does not hold it. */
    int positionOf(long version) {
        return version >= 1 && version <= versions.size() ? positionOf[(int) version - 1] + 1 : 0;
    }

    /** The position's instant on this axis. */
    Instant instantAt(int position) {
        VersionInfo version = at(position);
        return axis == TimeAxis.TRANSACTION ? version.recordedAt() : version.effectiveAt();
    }

    /** The first and last positions (1..n) that share a position's instant on this axis. */
    int[] sameInstant(int position) {
        int first = position;
        int last = position;
        while (first > 1 && instants[first - 2] == instants[position - 1]) {
            first--;
        }
        while (last < instants.length && instants[last] == instants[position - 1]) {
            last++;
        }
        return new int[] {first, last};
    }

    /** The last position whose instant is at or before {@code instant}, or 0 when none is. */
    int lastAtOrBefore(Instant instant) {
        return lastAtOrBefore(micros(instant));
    }

    /**
     * Where an instant falls on this axis, as a fractional position in 1..n: between the last
     * position at or before it and the next, in proportion to their instants (clamped to the ends).
     */
    double fractionalPosition(Instant instant) {
        long t = micros(instant);
        int before = lastAtOrBefore(t);
        if (before == 0) {
            return 1;
        }
        if (before >= instants.length) {
            return instants.length;
        }
        long from = instants[before - 1];
        return before + (t - from) / (double) (instants[before] - from);
    }

    /** The last position whose instant is before {@code instant}, or 0 when none is. */
    private int lastBefore(Instant instant) {
        return lastAtOrBefore(micros(instant) - 1);
    }

    /**
     * On the valid axis, the versions whose valid period ends between the position before and
     * this one (1..n): true at the one before, no longer here. Empty on the transaction axis.
     */
    List<VersionInfo> endedBefore(int position) {
        return endingAt.getOrDefault(position, List.of());
    }

    private int lastAtOrBefore(long target) {
        int low = 0;
        int high = instants.length; // first index with instants[i] > target
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (instants[middle] <= target) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /**
     * The versions with a valid_to, in position order. On the valid axis each reaches to where
     * its valid_to falls: between the last position before it and the next, in proportion to
     * their instants, or the last position when none comes after.
     */
    List<PeriodMark> periodMarks() {
        List<PeriodMark> marks = new ArrayList<>();
        for (int p = 1; p <= versions.size(); p++) {
            VersionInfo version = at(p);
            if (version.validTo() == null) {
                continue;
            }
            if (axis == TimeAxis.TRANSACTION) {
                marks.add(new PeriodMark(p, p));
                continue;
            }
            long end = micros(version.validTo());
            int before = lastBefore(version.validTo()); // the last position effective before the period ends (≥ p)
            double reach = before;
            if (before < versions.size()) {
                long from = instants[before - 1];
                reach += (end - from) / (double) (instants[before] - from);
            }
            marks.add(new PeriodMark(p, reach));
        }
        return marks;
    }
}
