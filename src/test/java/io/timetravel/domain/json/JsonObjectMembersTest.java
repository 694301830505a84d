package io.timetravel.domain.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** An object's members as a sorted map, over its arrays; and keys shared among many objects. */
class JsonObjectMembersTest {

    private static JsonObject parse(String text) throws JsonParseException {
        return JsonParser.parseObject(text);
    }

    @Test
    void membersAnswerAsTheSortedMapTheyCameFrom() throws Exception {
        JsonObject object = parse("{\"c\":{\"x\":true},\"a\":1,\"b\":\"two\"}");
        TreeMap<String, JsonValue> expected = new TreeMap<>();
        expected.put("a", JsonNumber.of(1));
        expected.put("b", JsonString.of("two"));
        expected.put("c", parse("{\"x\":true}"));
        SortedMap<String, JsonValue> members = object.members();

        assertEquals(expected, members);
        assertEquals(members, expected);
        assertEquals(expected.hashCode(), members.hashCode());
        assertEquals(expected.hashCode(), object.hashCode(), "an object hashes as its members' map");
        assertEquals(expected.toString(), members.toString());
        assertEquals(List.of("a", "b", "c"), List.copyOf(members.keySet()));
        assertEquals(List.copyOf(expected.values()), List.copyOf(members.values()));
        assertEquals("a", members.firstKey());
        assertEquals("c", members.lastKey());
        assertNull(members.comparator(), "natural order");
        assertEquals(JsonString.of("two"), members.get("b"));
        assertNull(members.get("bb"));
        assertNull(members.get(7), "a key that is no string is absent");
        assertTrue(members.containsKey("c"));
        assertFalse(members.containsKey("d"));
        assertEquals(expected.headMap("b"), members.headMap("b"));
        assertEquals(expected.tailMap("b"), members.tailMap("b"));
        assertEquals(expected.subMap("a", "c"), members.subMap("a", "c"));
    }

    @Test
    void membersCannotBeChangedThroughAnyOfTheirViews() throws Exception {
        JsonObject object = parse("{\"a\":1,\"b\":2}");
        SortedMap<String, JsonValue> members = object.members();
        Map.Entry<String, JsonValue> first = members.entrySet().iterator().next();

        assertThrows(UnsupportedOperationException.class, () -> first.setValue(JsonNull.INSTANCE));
        assertThrows(UnsupportedOperationException.class, members::clear);
        assertThrows(UnsupportedOperationException.class, () -> members.keySet().remove("a"));
        assertThrows(UnsupportedOperationException.class, () -> members.values().clear());
        assertThrows(UnsupportedOperationException.class, () -> members.headMap("b").clear());
        assertEquals("{\"a\":1,\"b\":2}", object.toJson());
    }

    @Test
    void anEmptyObjectHasNoFirstOrLastKeyAndItsIteratorEnds() {
        SortedMap<String, JsonValue> members = JsonObject.empty().members();
        Iterator<Map.Entry<String, JsonValue>> iterator = members.entrySet().iterator();

        assertThrows(NoSuchElementException.class, members::firstKey);
        assertThrows(NoSuchElementException.class, members::lastKey);
        assertFalse(iterator.hasNext());
        assertThrows(NoSuchElementException.class, iterator::next);
    }

    /** Spells every key by a dictionary of the strings to keep, at every depth. */
    private record Dictionary(Map<String, String> kept) implements KeySpelling {
        @Override
        public String spell(String key) {
            return kept.getOrDefault(key, key);
        }

        @Override
        public KeySpelling below(String key) {
            return this;
        }
    }

    @Test
    void spelledByKeepsTheGivenStringsAtEveryDepthAndChangesNothingElse() throws Exception {
        JsonObject first = parse("{\"premium\":1,\"contact\":{\"email\":\"a@b.c\"}}");
        JsonObject second = parse("{\"premium\":2,\"contact\":{\"email\":\"d@e.f\"},\"new\":true}");
        Dictionary dictionary = new Dictionary(Map.of("premium", first.members().lastKey(), "contact", first.members().firstKey(),
                "email", first.getOrNull("contact") instanceof JsonObject contact ? contact.members().firstKey() : "email"));

        JsonObject spelled = second.spelledBy(dictionary);

        assertEquals(second, spelled);
        assertEquals(second.toJson(), spelled.toJson());
        assertNotSame(first.members().lastKey(), second.members().lastKey(), "two parses, two strings");
        assertSame(first.members().lastKey(), spelled.members().lastKey());
        assertSame(first.members().firstKey(), spelled.members().firstKey());
        assertSame(((JsonObject) first.getOrNull("contact")).members().firstKey(),
                ((JsonObject) spelled.getOrNull("contact")).members().firstKey());
        assertSame(second.members().get("new"), spelled.members().get("new"));
        assertSame(spelled, spelled.spelledBy(dictionary), "nothing left to share: the same object");
        assertSame(first, first.spelledBy(KeySpelling.AS_GIVEN));
    }

    @Test
    void spelledByKeepsTheGivenStringValuesAtEveryDepth() throws Exception {
        JsonObject first = parse("{\"n\":1.0,\"o\":{\"s\":\"text\"},\"s\":\"text\"}");
        JsonObject second = parse("{\"n\":1.0,\"o\":{\"s\":\"text\"},\"s\":\"text\"}");
        JsonString kept = (JsonString) first.getOrNull("s");
        KeySpelling spelling = new KeySpelling() {
            @Override
            public JsonString spell(String key, JsonString value) {
                return value.equals(kept) ? kept : value;
            }

            @Override
            public KeySpelling below(String key) {
                return this;
            }
        };

        JsonObject spelled = second.spelledBy(spelling);

        assertEquals(second.toJson(), spelled.toJson());
        assertNotSame(kept, second.getOrNull("s"), "two parses, two copies");
        assertSame(kept, spelled.getOrNull("s"));
        assertSame(kept, ((JsonObject) spelled.getOrNull("o")).getOrNull("s"));
        assertSame(second.getOrNull("n"), spelled.getOrNull("n"), "numbers as they are");
    }

    @Test
    void sharingKeysWithKeepsTheOtherObjectsKeysOnlyWhenTheyAreTheSame() throws Exception {
        JsonObject first = parse("{\"a\":1,\"b\":2}");
        JsonObject same = parse("{\"a\":3,\"b\":4}");
        JsonObject other = parse("{\"a\":5,\"c\":6}");

        JsonObject shared = same.sharingKeysWith(first);

        assertEquals(same, shared);
        assertEquals(same.toJson(), shared.toJson());
        assertNotSame(same, shared, "the same values around the other's keys");
        assertSame(shared, shared.sharingKeysWith(first), "already shared: itself");
        assertSame(other, other.sharingKeysWith(first), "other fields: itself");
    }
}
