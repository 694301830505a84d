package io.timetravel.domain;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The assignments at one path of a {@link RecordTimeline}, in position order: the first
 * {@code size} slots of an array that the lists made from this one by {@link #insert} may share.
 * The first of them to claim the next slot takes it; the others copy. A version appended to a
 * long history (the usual write) then costs O(1), amortised, instead of a copy of every
 * assignment the path ever had (docs/decisions/0042).
 */
final class Assignments {

    static final Assignments NONE = new Assignments(new PathAssignment[0], 0, new AtomicInteger());
    /** Slots a shared array grows by at the least when it is copied. */
    private static final int MIN_GROWTH = 4;

    private final PathAssignment[] items;
    private final int size;
    /** Slots of {@link #items} in use by the longest list sharing it. */
    private final AtomicInteger claimed;

    private Assignments(PathAssignment[] items, int size, AtomicInteger claimed) {
        this.items = items;
        this.size = size;
        this.claimed = claimed;
    }

    /**
     * The length a shared array of {@code size} slots in use is copied to, with room for the next
     * ones (by half, at least a few): here and for {@link RecordTimeline}'s version arrays.
     */
    static int grownCapacity(int size) {
        return size + Math.max(size >> 1, MIN_GROWTH);
    }

    /** Assignments already in position order. */
    static Assignments of(List<PathAssignment> ordered) {
        return ordered.isEmpty() ? NONE
                : new Assignments(ordered.toArray(new PathAssignment[0]), ordered.size(), new AtomicInteger(ordered.size()));
    }

    int size() {
        return size;
    }

    PathAssignment get(int index) {
        return items[index];
    }

    /** These assignments with {@code assignment} after every one effective at or before it. */
    Assignments insert(PathAssignment assignment) {
        int at = upperBound(assignment.effective());
        if (at == size && size < items.length && claimed.compareAndSet(size, size + 1)) {
            items[size] = assignment;
            return new Assignments(items, size + 1, claimed);
        }
        PathAssignment[] next = new PathAssignment[grownCapacity(size)];
        System.arraycopy(items, 0, next, 0, at);
        next[at] = assignment;
        System.arraycopy(items, at, next, at + 1, size - at);
        return new Assignments(next, size + 1, new AtomicInteger(size + 1));
    }

    /**
     * Gives back the slot this list took from {@code origin}'s array when it was made from it by
     * {@link #insert}, for a list that is dropped; any other list is left alone.
     */
    void releaseFrom(Assignments origin) {
        if (items == origin.items && size == origin.size + 1) {
            items[origin.size] = null;
            claimed.compareAndSet(size, origin.size);
        }
    }

    /** The index of the first assignment effective after {@code t}. */
    int upperBound(long t) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (items[mid].effective() <= t) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
