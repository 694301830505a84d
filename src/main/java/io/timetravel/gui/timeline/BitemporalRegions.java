package io.timetravel.gui.timeline;

import io.timetravel.domain.VersionInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The bitemporal plane of a record: valid time across, known (transaction) time down, cut into
 * rectangles each answered by one version. By the store's rule (decision 0019) the state at
 * valid time T1 as known at T2 names the highest version recorded by T2 whose period
 * {@code [effective_at, valid_to)} contains T1; so, walking down the known axis, version k
 * "paints" its period with its number from its {@code recorded_at} on, over whatever was there.
 *
 * <p>That painting is done once here, in recording order, over an interval map of the valid
 * axis: each stretch a later version paints over is closed as a rectangle from when it was
 * painted to when it was painted over, and what is still showing at the end reaches down
 * forever (known now and later). O(n log n) for n versions, at most 3n rectangles, exact: no
 * grid, no sampling. Instants are epoch microseconds, the store's precision; {@link #OPEN} is
 * "no end". No JavaFX: this is geometry, tested against {@code RecordTimeline.at}.
 */
final class BitemporalRegions {

    /** No end (an open valid period, or known from then on). */
    static final long OPEN = Long.MAX_VALUE;

    static final BitemporalRegions EMPTY = of(List.of());

    /**
     * Where one version is the answer: valid in {@code [validFrom, validTo)} as known in
     * {@code [knownFrom, knownTo)}.
     */
    record Region(VersionInfo version, long validFrom, long validTo, long knownFrom, long knownTo) {

        boolean contains(long valid, long known) {
            return validFrom <= valid && valid < validTo && knownFrom <= known && known < knownTo;
        }
    }

    /** A stretch of the valid axis showing one version since it was painted. */
    private record Stretch(long from, long to, int index, long since) {
    }

    private final List<VersionInfo> versions;
    private final long[] effective;
    private final long[] validTo;
    private final long[] recorded;
    private final List<Region> regions;
    private final Map<Long, List<Region>> byVersion = new HashMap<>();
    /** Every instant where a region starts or ends, per axis, sorted (for moving between cells). */
    private final long[] validEdges;
    private final long[] knownEdges;

    private BitemporalRegions(List<VersionInfo> versions) {
        this.versions = List.copyOf(versions);
        int n = versions.size();
        effective = new long[n];
        validTo = new long[n];
        recorded = new long[n];
        TreeSet<Long> valid = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            VersionInfo version = versions.get(i);
            effective[i] = micros(version.effectiveAt());
            validTo[i] = version.validTo() == null ? OPEN : micros(version.validTo());
            recorded[i] = micros(version.recordedAt());
            valid.add(effective[i]);
            if (validTo[i] != OPEN) {
                valid.add(validTo[i]);
            }
        }
        regions = paint();
        for (Region region : regions) {
            byVersion.computeIfAbsent(region.version().version(), version -> new ArrayList<>()).add(region);
        }
        validEdges = valid.stream().mapToLong(Long::longValue).toArray();
        knownEdges = Arrays.stream(recorded).distinct().sorted().toArray();
    }

    /** The plane of a record's versions, oldest first (version i + 1 at index i). */
    static BitemporalRegions of(List<VersionInfo> versions) {
        return new BitemporalRegions(versions);
    }

    private List<Region> paint() {
        List<Region> closed = new ArrayList<>();
        TreeMap<Long, Stretch> showing = new TreeMap<>();
        for (int k = 0; k < versions.size(); k++) {
            long from = effective[k];
            long to = validTo[k];
            long now = recorded[k];
            Map.Entry<Long, Stretch> before = showing.lowerEntry(from);
            List<Stretch> covered = new ArrayList<>();
            if (before != null && before.getValue().to() > from) {
                covered.add(before.getValue());
            }
            covered.addAll(showing.subMap(from, true, to, false).values());
            for (Stretch stretch : covered) {
                showing.remove(stretch.from());
                if (stretch.since() < now) {
                    closed.add(new Region(versions.get(stretch.index()), Math.max(stretch.from(), from),
                            Math.min(stretch.to(), to), stretch.since(), now));
                }
                if (stretch.from() < from) {
                    showing.put(stretch.from(), new Stretch(stretch.from(), from, stretch.index(), stretch.since()));
                }
                if (stretch.to() > to) {
                    showing.put(to, new Stretch(to, stretch.to(), stretch.index(), stretch.since()));
                }
            }
            showing.put(from, new Stretch(from, to, k, now));
        }
        for (Stretch stretch : showing.values()) {
            closed.add(new Region(versions.get(stretch.index()), stretch.from(), stretch.to(), stretch.since(), OPEN));
        }
        return List.copyOf(closed);
    }

    /** The rectangles, each answered by one version; together they cover every point some version answers. */
    List<Region> regions() {
        return regions;
    }

    /** The rectangles of one version (none when it is nowhere the answer: every instant of it answered by later ones). */
    List<Region> regionsOf(long version) {
        return byVersion.getOrDefault(version, List.of());
    }

    List<VersionInfo> versions() {
        return versions;
    }

    boolean isEmpty() {
        return versions.isEmpty();
    }

    /**
     * The version answering "valid at {@code valid} as known at {@code known}", by the rule
     * itself: the highest version recorded by then whose period contains the instant; null if none.
     */
    VersionInfo versionAt(long valid, long known) {
        int knownCount = Arrays.binarySearch(recorded, known);
        knownCount = knownCount >= 0 ? knownCount + 1 : -knownCount - 1;
        for (int i = knownCount - 1; i >= 0; i--) {
            if (effective[i] <= valid && valid < validTo[i]) {
                return versions.get(i);
            }
        }
        return null;
    }

    /** The region holding a point, or null where no version answers. */
    Region regionAt(long valid, long known) {
        for (Region region : regions) {
            if (region.contains(valid, known)) {
                return region;
            }
        }
        return null;
    }

    /** The earliest instant either axis needs (0 when empty). */
    long start() {
        if (versions.isEmpty()) {
            return 0;
        }
        return Math.min(Arrays.stream(effective).min().orElseThrow(), recorded[0]);
    }

    /** The latest instant either axis names: the last recording, the latest start or finite end. */
    long end() {
        long end = start();
        for (int i = 0; i < versions.size(); i++) {
            end = Math.max(end, Math.max(effective[i], recorded[i]));
            if (validTo[i] != OPEN) {
                end = Math.max(end, validTo[i]);
            }
        }
        return end;
    }

    /**
     * The next (direction 1) or previous (-1) point along one axis where the answer changes from
     * the version at {@code (valid, known)}: the edge of the cell the arrow keys move to. Returns
     * the same coordinate when there is none that way. Looks at most {@code limit} edges away.
     */
    long move(long valid, long known, boolean alongValid, int direction, int limit) {
        long[] edges = alongValid ? validEdges : knownEdges;
        long here = alongValid ? valid : known;
        VersionInfo from = versionAt(valid, known);
        int index = Arrays.binarySearch(edges, here);
        // The edge at or before here: the start of the cell holding the point.
        int cell = index >= 0 ? index : -index - 2;
        long best = here;
        for (int step = 1; step <= limit; step++) {
            int next = cell + direction * step;
            if (next < 0 || next >= edges.length) {
                break;
            }
            long candidate = edges[next];
            best = candidate;
            VersionInfo there = alongValid ? versionAt(candidate, known) : versionAt(valid, candidate);
            if (there != from) {
                break;
            }
        }
        return best;
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }
}
