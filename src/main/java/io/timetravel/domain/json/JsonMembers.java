package io.timetravel.domain.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An unmodifiable, sorted view of a {@link JsonObject}'s members, over the object's own arrays:
 * nothing is copied to build it, and it keeps nothing of its own (see {@link JsonObject}).
 */
final class JsonMembers extends AbstractMap<String, JsonValue> implements SortedMap<String, JsonValue> {

    private final JsonObject object;

    JsonMembers(JsonObject object) {
        this.object = object;
    }

    @Override
    public int size() {
        return object.size();
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String name && object.containsKey(name);
    }

    @Override
    public JsonValue get(Object key) {
        return key instanceof String name ? object.getOrNull(name) : null;
    }

    @Override
    public Set<Entry<String, JsonValue>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return object.size();
            }

            @Override
            public Iterator<Entry<String, JsonValue>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < object.size();
                    }

                    @Override
                    public Entry<String, JsonValue> next() {
                        if (next >= object.size()) {
                            throw new NoSuchElementException();
                        }
                        int index = next++;
                        return new SimpleImmutableEntry<>(object.key(index), object.value(index));
                    }
                };
            }
        };
    }

    @Override
    public Comparator<? super String> comparator() {
        return null; // natural order
    }

    @Override
    public String firstKey() {
        requireMembers();
        return object.key(0);
    }

    @Override
    public String lastKey() {
        requireMembers();
        return object.key(object.size() - 1);
    }

    private void requireMembers() {
        if (object.isEmpty()) {
            throw new NoSuchElementException();
        }
    }

    // Ranges are not read on any path that matters: they are answered from a copy.
    @Override
    public SortedMap<String, JsonValue> subMap(String fromKey, String toKey) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(this).subMap(fromKey, toKey));
    }

    @Override
    public SortedMap<String, JsonValue> headMap(String toKey) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(this).headMap(toKey));
    }

    @Override
    public SortedMap<String, JsonValue> tailMap(String fromKey) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(this).tailMap(fromKey));
    }
}
