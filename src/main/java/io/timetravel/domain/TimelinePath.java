package io.timetravel.domain;

import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.domain.json.KeySpelling;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * A path of a record in its {@link RecordTimeline}'s index: the assignments the versions' patches
 * made at it, in position order, and the paths below it. The root is the record itself. Reads
 * fold it at an instant ({@link #evaluate}); a new version gives a new path sharing what it does
 * not touch ({@link #assign}).
 */
final class TimelinePath implements KeySpelling {

    static final TimelinePath EMPTY = new TimelinePath(Assignments.NONE, Assignments.NONE, Collections.emptyNavigableMap());

    /** Sets and removes, which replace the whole subtree. */
    final Assignments replacing;
    /** Object members of patches, which keep an object and make one of anything else. */
    final Assignments ensuring;
    final NavigableMap<String, TimelinePath> children;

    TimelinePath(Assignments replacing, Assignments ensuring, NavigableMap<String, TimelinePath> children) {
        this.replacing = replacing;
        this.ensuring = ensuring;
        this.children = children;
    }

    /** The key of the path below this one that is named {@code key}, the one string every version shares. */
    @Override
    public String spell(String key) {
        return keptKey(children, key);
    }

    private static String keptKey(NavigableMap<String, ?> children, String key) {
        String kept = children.ceilingKey(key);
        return key.equals(kept) ? kept : key;
    }

    /** The string the path's newest assignment keeps, when it is equal to {@code value}. */
    @Override
    public JsonString spell(String key, JsonString value) {
        TimelinePath child = children.get(key);
        return child == null ? value : newestEqual(child.replacing, value);
    }

    @Override
    public KeySpelling below(String key) {
        TimelinePath child = children.get(key);
        return child == null ? KeySpelling.AS_GIVEN : child;
    }

    private static JsonString newestEqual(Assignments assignments, JsonString value) {
        return assignments.size() == 0 ? value : kept(assignments.get(assignments.size() - 1), value);
    }

    private static JsonString kept(PathAssignment newest, JsonString value) {
        return newest.value() instanceof JsonString kept && kept.equals(value) ? kept : value;
    }

    /** This path with {@code patch}'s members assigned below it by one version. */
    TimelinePath assign(JsonObject patch, PathAssignment version) {
        if (patch.isEmpty()) {
            return this;
        }
        TreeMap<String, TimelinePath> nextChildren = new TreeMap<>(children);
        for (Map.Entry<String, JsonValue> member : patch.members().entrySet()) {
            TimelinePath child = nextChildren.getOrDefault(member.getKey(), EMPTY);
            JsonValue value = member.getValue();
            TimelinePath next;
            if (value instanceof JsonObject object) {
                TimelinePath ensured = new TimelinePath(child.replacing, child.ensuring.insert(version), child.children);
                next = ensured.assign(object, version);
            } else {
                PathAssignment assignment = new PathAssignment(version.effective(), version.version(), version.validTo(),
                        value.isNull() ? null : value);
                next = new TimelinePath(child.replacing.insert(assignment), child.ensuring, child.children);
            }
            nextChildren.put(member.getKey(), next);
        }
        return new TimelinePath(replacing, ensuring, Collections.unmodifiableNavigableMap(nextChildren));
    }

    /**
     * Gives back what {@link #assign} of {@code patch} to {@code origin} took from the lists this
     * path shares with it, for a path that is dropped (a trial): see {@link Assignments#releaseFrom}.
     */
    void releaseFrom(TimelinePath origin, JsonObject patch) {
        for (Map.Entry<String, JsonValue> member : patch.members().entrySet()) {
            TimelinePath child = children.get(member.getKey());
            TimelinePath originChild = origin.children.getOrDefault(member.getKey(), EMPTY);
            if (member.getValue() instanceof JsonObject object) {
                child.ensuring.releaseFrom(originChild.ensuring);
                child.releaseFrom(originChild, object);
            } else {
                child.replacing.releaseFrom(originChild.replacing);
            }
        }
    }

    /**
     * The object below this path at {@code t} among the first {@code known} versions, where
     * an ancestor's replacing assignment at position {@code wipe} hides older assignments.
     */
    JsonObject evaluate(long t, int known, long wipeEffective, long wipeVersion) {
        JsonObject.Builder object = JsonObject.builder();
        for (Map.Entry<String, TimelinePath> member : children.entrySet()) {
            TimelinePath child = member.getValue();
            PathAssignment replace = latest(child.replacing, t, known);
            PathAssignment ensure = latest(child.ensuring, t, known);
            PathAssignment winner = replace == null ? ensure : ensure == null || replace.after(ensure) ? replace : ensure;
            if (winner == null || !winner.after(wipeEffective, wipeVersion)) {
                continue;
            }
            if (winner == ensure) {
                boolean replaceHides = replace != null && replace.after(wipeEffective, wipeVersion);
                object.put(member.getKey(), child.evaluate(t, known,
                        replaceHides ? replace.effective() : wipeEffective, replaceHides ? replace.version() : wipeVersion));
            } else if (winner.value() != null) {
                object.put(member.getKey(), winner.value());
            }
        }
        return object.build();
    }

    /** The applicable assignment with the greatest position, or {@code null}. */
    private static PathAssignment latest(Assignments assignments, long t, int known) {
        for (int i = assignments.upperBound(t) - 1; i >= 0; i--) {
            PathAssignment a = assignments.get(i);
            if (a.version() <= known && a.validTo() > t) {
                return a;
            }
        }
        return null;
    }

    void collectBoundaries(Set<Long> boundaries) {
        for (Assignments list : List.of(replacing, ensuring)) {
            for (int i = 0; i < list.size(); i++) {
                PathAssignment a = list.get(i);
                boundaries.add(a.effective());
                if (a.validTo() != RecordTimeline.OPEN) {
                    boundaries.add(a.validTo());
                }
            }
        }
        for (TimelinePath child : children.values()) {
            child.collectBoundaries(boundaries);
        }
    }

    /**
     * A {@link TimelinePath} under construction, for building a whole history in one pass: it
     * spells each version's patch as the path built from the versions before would.
     */
    static final class Builder implements KeySpelling {
        final List<PathAssignment> replacing = new ArrayList<>();
        final List<PathAssignment> ensuring = new ArrayList<>();
        final TreeMap<String, Builder> children = new TreeMap<>();

        @Override
        public String spell(String key) {
            return keptKey(children, key);
        }

        @Override
        public JsonString spell(String key, JsonString value) {
            Builder child = children.get(key);
            return child == null || child.replacing.isEmpty() ? value : kept(child.replacing.get(child.replacing.size() - 1), value);
        }

        @Override
        public KeySpelling below(String key) {
            Builder child = children.get(key);
            return child == null ? KeySpelling.AS_GIVEN : child;
        }

        void assign(JsonObject patch, PathAssignment version) {
            for (Map.Entry<String, JsonValue> member : patch.members().entrySet()) {
                Builder child = children.computeIfAbsent(member.getKey(), key -> new Builder());
                JsonValue value = member.getValue();
                if (value instanceof JsonObject object) {
                    insert(child.ensuring, version);
                    child.assign(object, version);
                } else {
                    insert(child.replacing, new PathAssignment(version.effective(), version.version(), version.validTo(),
                            value.isNull() ? null : value));
                }
            }
        }

        /** Versions come in order, so the newest goes after every assignment effective at or before it. */
        private static void insert(List<PathAssignment> assignments, PathAssignment assignment) {
            int at = assignments.size();
            while (at > 0 && assignments.get(at - 1).effective() > assignment.effective()) {
                at--;
            }
            assignments.add(at, assignment);
        }

        TimelinePath build() {
            TreeMap<String, TimelinePath> built = new TreeMap<>();
            children.forEach((key, child) -> built.put(key, child.build()));
            return new TimelinePath(Assignments.of(replacing), Assignments.of(ensuring),
                    Collections.unmodifiableNavigableMap(built));
        }
    }
}
