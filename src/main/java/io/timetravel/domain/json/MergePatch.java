package io.timetravel.domain.json;

import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * JSON Merge Patch (RFC 7386): how every write changes a record's data, and how the store
 * describes the step from one state to the next.
 *
 * <p>A key with a value sets it, a key with {@code null} removes it, nested objects merge and
 * anything else (arrays included) replaces. A consequence the store relies on: a state built
 * by applying patches never holds an object member whose value is {@code null}, so the change
 * between any two states can itself be written as a merge patch ({@link #between}).
 */
public final class MergePatch {

    private MergePatch() {
    }

    /** Applies {@code patch} to {@code target} ({@code null} target = absent). */
    public static JsonValue apply(JsonValue target, JsonValue patch) {
        if (!(patch instanceof JsonObject patchObject)) {
            return patch;
        }
        TreeMap<String, JsonValue> result = new TreeMap<>();
        if (target instanceof JsonObject targetObject) {
            result.putAll(targetObject.members());
        }
        for (int i = 0; i < patchObject.size(); i++) {
            String key = patchObject.key(i);
            JsonValue value = patchObject.value(i);
            if (value.isNull()) {
                result.remove(key);
            } else {
                result.put(key, apply(result.get(key), value));
            }
        }
        return JsonObject.adopt(result);
    }

    /** Applies an object patch to an object state; the result is always an object. */
    public static JsonObject apply(JsonObject target, JsonObject patch) {
        return (JsonObject) apply((JsonValue) target, patch);
    }

    /**
     * The merge patch that turns {@code from} into {@code to}: {@code apply(from, between(from, to))}
     * equals {@code to} for any states built by this class. Unchanged members are left out, so
     * the patch is as small as the change.
     */
    public static JsonObject between(JsonObject from, JsonObject to) {
        TreeMap<String, JsonValue> patch = new TreeMap<>();
        Set<String> keys = new TreeSet<>(from.members().keySet());
        keys.addAll(to.members().keySet());
        for (String key : keys) {
            JsonValue before = from.getOrNull(key);
            JsonValue after = to.getOrNull(key);
            if (after == null) {
                patch.put(key, JsonNull.INSTANCE);
            } else if (before == null) {
                patch.put(key, after);
            } else if (!before.equals(after)) {
                if (before instanceof JsonObject beforeObject && after instanceof JsonObject afterObject) {
                    patch.put(key, between(beforeObject, afterObject));
                } else {
                    patch.put(key, after);
                }
            }
        }
        return JsonObject.adopt(patch);
    }
}
