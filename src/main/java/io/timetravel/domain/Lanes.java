package io.timetravel.domain;

import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;

/**
 * The lanes of the hash chains (docs/decisions/0030): each writer extends the audit chain and the
 * ledger in its own lane, and verification walks each lane on its own. A SQLite database has only
 * lane 0, and then everything reads exactly as it did before lanes: no lane is named and a head is
 * the lane's own.
 */
public final class Lanes {

    private Lanes() {
    }

    /** Whether messages name the lane: when there is any lane but 0. */
    public static boolean named(Collection<Long> lanes) {
        return !(lanes.isEmpty() || lanes.size() == 1 && lanes.contains(0L));
    }

    /** {@code "lane L: "} before a reason about lane {@code lane} when lanes are {@code named}, else nothing. */
    public static String prefix(boolean named, long lane) {
        return named ? "lane " + lane + ": " : "";
    }

    /**
     * One hash for the heads of several lanes: lane 0's own head when it is the only lane (or
     * {@link HashChain#GENESIS} when there is none), else the SHA-256 of the lines {@code "L H\n"},
     * one per lane in ascending order, L the lane and H its head.
     */
    public static String joinedHead(SortedMap<Long, String> heads) {
        if (heads.isEmpty()) {
            return HashChain.GENESIS;
        }
        if (!named(heads.keySet())) {
            return heads.get(0L);
        }
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<Long, String> head : heads.entrySet()) {
            lines.append(head.getKey()).append(' ').append(head.getValue()).append('\n');
        }
        return HashChain.sha256Hex(lines.toString());
    }
}
