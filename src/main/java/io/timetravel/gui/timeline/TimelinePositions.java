package io.timetravel.gui.timeline;

import io.timetravel.domain.VersionInfo;
import io.timetravel.gui.TimeAxis;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A record's versions laid out along one time axis: which version sits at each timeline
 * position, its instant on that axis, and which version's state the store shows there, by the
 * rule of SPEC 4.2 ("as known at T2, what was true at T1": among the versions recorded by T2, the
 * greatest effective instant at or before T1, ties to the later recorded).
 *
 * <p>Positions are numbered 1..n. On the transaction axis position k is version k, shown as the
 * store answered right after recording it ({@code at = as_of = recorded_at}); that is an older
 * version when version k is back-dated behind a later effective instant or dated in the future.
 * On the valid axis positions follow {@code effective_at} (ties: recording order) and show what
 * was true at that instant as known now. Computed once per version list, in O(n log n).
 */
final class TimelinePositions {

    static final TimelinePositions EMPTY = new TimelinePositions(TimeAxis.TRANSACTION, List.of());

    private final TimeAxis axis;
    private final List<VersionInfo> versions;
    /** Position (0-based) → index into {@link #versions}. */
    private final int[] atPosition;
    /** Index into {@link #versions} → position (0-based). */
    private final int[] positionOf;
    /** Position (0-based) → index of the version whose state is shown there, or -1 for none. */
    private final int[] shown;
    /** Position (0-based) → its instant on the axis, in epoch microseconds (non-decreasing). */
    private final long[] instants;

    /** {@code versions} must be the record's versions oldest first (version i + 1 at index i). */
    TimelinePositions(TimeAxis axis, List<VersionInfo> versions) {
        this.axis = axis;
        this.versions = List.copyOf(versions);
        int n = versions.size();
        atPosition = new int[n];
        positionOf = new int[n];
        shown = new int[n];
        instants = new long[n];
        if (axis == TimeAxis.TRANSACTION) {
            layOutByRecording();
        } else {
            layOutByEffect();
        }
        for (int p = 0; p < n; p++) {
            positionOf[atPosition[p]] = p;
        }
    }

    private void layOutByRecording() {
        // Versions are recorded in version order: those recorded by version k's recorded_at are 1..k.
        TreeMap<Instant, Integer> latestByEffect = new TreeMap<>();
        for (int k = 0; k < versions.size(); k++) {
            VersionInfo version = versions.get(k);
            atPosition[k] = k;
            instants[k] = micros(version.recordedAt());
            latestByEffect.put(version.effectiveAt(), k); // the later recorded wins a tie
            Map.Entry<Instant, Integer> inEffect = latestByEffect.floorEntry(version.recordedAt());
            shown[k] = inEffect == null ? -1 : inEffect.getValue();
        }
    }

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
        }
        // As known now every version counts: at an effective instant, the last recorded of the
        // versions effective then is shown (the last of a run of equal instants).
        for (int p = n - 1; p >= 0; p--) {
            shown[p] = p + 1 < n && instants[p + 1] == instants[p] ? shown[p + 1] : atPosition[p];
        }
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

    /** The version whose state is shown at a position (1..n), or {@code null} when nothing was in effect. */
    VersionInfo shownAt(int position) {
        int index = shown[position - 1];
        return index < 0 ? null : versions.get(index);
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

    /** The last position whose instant is at or before {@code instant}, or 0 when none is. */
    int lastAtOrBefore(Instant instant) {
        long target = micros(instant);
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
}
