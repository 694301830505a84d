package io.timetravel.domain.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The estimate grows with what a value holds: characters, members, elements. */
class JsonFootprintTest {

    @Test
    void aStringCountsItsCharactersTwiceWhenOneIsOutsideLatin1() {
        long latin = JsonFootprint.of(new JsonString("é".repeat(1000)));
        long wide = JsonFootprint.of(new JsonString("日".repeat(1000)));
        assertTrue(latin >= 1000 && latin < 1100, "Latin-1: a byte a character, " + latin);
        assertEquals(latin + 1000, wide, "else two bytes a character");
    }

    @Test
    void objectsAndArraysAddUpWhatTheyHold() {
        JsonString text = new JsonString("x".repeat(10_000));
        long one = JsonFootprint.of(JsonObject.builder().put("a", text).build());
        long two = JsonFootprint.of(JsonObject.builder().put("a", text).put("b", text).build());
        assertTrue(two - one > 10_000, "a second member counts its value: " + one + " then " + two);
        long nested = JsonFootprint.of(JsonArray.of(JsonObject.builder().put("a", text).build(), JsonNumber.of(7)));
        assertTrue(nested > one, "an array counts its elements: " + nested);
        assertEquals(0, JsonFootprint.of(JsonNull.INSTANCE));
        assertEquals(0, JsonFootprint.of(JsonBoolean.TRUE));
    }
}
