package io.timetravel.domain.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The immutable JSON value types: equality, immutability and the cached canonical text. */
class JsonValuesTest {

    private static JsonNumber number(String text) {
        return JsonNumber.of(new BigDecimal(text));
    }

    // ---- JsonNumber ----

    @Test
    void numbersAreEqualWhenTheirValuesAreEqual() {
        assertEquals(number("1.5"), number("1.50"));
        assertEquals(number("100"), number("1E+2"));
        assertEquals(number("0"), number("0.000"));
        assertEquals(number("0"), number("-0.0"));
        assertEquals(number("0"), number("0E+5"));
        assertEquals(JsonNumber.of(2), number("2.0"));
        assertEquals(JsonNumber.of(0.5), number("0.50"));
    }

    @Test
    void numericallyEqualNumbersShareAHashCode() {
        assertEquals(number("1.5").hashCode(), number("1.50").hashCode());
        assertEquals(number("100").hashCode(), number("1E+2").hashCode());
        assertEquals(number("0").hashCode(), number("0.000").hashCode());
        assertEquals(number("0").hashCode(), number("0E-7").hashCode());
        assertEquals(1, new HashSet<>(List.of(number("7"), number("7.0"), number("70E-1"))).size());
    }

    @Test
    void differentNumbersAreNotEqual() {
        assertNotEquals(number("1.5"), number("1.51"));
        assertNotEquals(number("1"), number("-1"));
        assertNotEquals(number("1"), JsonString.of("1"));
        assertNotEquals(number("0"), JsonBoolean.FALSE);
    }

    @Test
    void objectsAndArraysCompareNumbersByValue() throws Exception {
        JsonObject written = JsonParser.parseObject("{\"premium\":1.5,\"items\":[10,2.50]}");
        JsonObject rewritten = JsonParser.parseObject("{\"premium\":1.50,\"items\":[1E+1,2.5]}");

        assertEquals(written, rewritten);
        assertEquals(written.hashCode(), rewritten.hashCode());
    }

    /** Integers of up to 18 digits are kept as longs, the rest as BigDecimals: nothing a caller can tell. */
    @Test
    void numbersKeptAsLongsAndAsDecimalsAreOneKind() {
        JsonNumber small = JsonNumber.of(new BigDecimal("100"));
        JsonNumber scaled = JsonNumber.of(new BigDecimal("1E+2"));
        JsonNumber fraction = JsonNumber.of(new BigDecimal("100.00"));
        JsonNumber huge = JsonNumber.of(new BigDecimal("1234567890123456789012"));

        assertEquals(small, scaled);
        assertEquals(scaled, small);
        assertEquals(small, fraction);
        assertEquals(small.hashCode(), scaled.hashCode());
        assertEquals(small.hashCode(), fraction.hashCode());
        assertEquals(JsonNumber.of(100), small);
        assertNotEquals(JsonNumber.of(101), small);
        assertEquals(new BigDecimal("100"), small.value());
        assertEquals(0, small.value().scale(), "the scale it was written with");
        assertEquals(new BigDecimal("100.00"), fraction.value());
        assertEquals("100.00", fraction.toJson());
        assertEquals("1E+2", scaled.toJson());
        assertEquals("1234567890123456789012", huge.toJson());
        assertEquals(new BigDecimal("1234567890123456789012"), huge.value());
        assertEquals("-9223372036854775808", JsonNumber.of(Long.MIN_VALUE).toJson());
        assertEquals(JsonNumber.of(new BigDecimal("-9223372036854775808")), JsonNumber.of(Long.MIN_VALUE));
    }

    @Test
    void numberFromDoubleUsesItsShortestDecimalForm() {
        assertEquals(new BigDecimal("0.1"), JsonNumber.of(0.1).value());
        assertEquals("0.1", JsonNumber.of(0.1).toJson());
    }

    @Test
    void nonFiniteDoublesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> JsonNumber.of(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> JsonNumber.of(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> JsonNumber.of(Double.NEGATIVE_INFINITY));
    }

    @Test
    void numberRequiresAValue() {
        assertThrows(NullPointerException.class, () -> JsonNumber.of((BigDecimal) null));
    }

    // ---- JsonString, literals ----

    @Test
    void stringsAreEqualByContentAndPrintQuoted() {
        assertEquals(JsonString.of("a"), new JsonString("a"));
        assertNotEquals(JsonString.of("a"), JsonString.of("A"));
        assertEquals("\"a\\\"b\"", JsonString.of("a\"b").toString());
        assertThrows(NullPointerException.class, () -> JsonString.of(null));
    }

    @Test
    void booleanOfReturnsTheMatchingConstant() {
        assertSame(JsonBoolean.TRUE, JsonBoolean.of(true));
        assertSame(JsonBoolean.FALSE, JsonBoolean.of(false));
        assertTrue(JsonBoolean.TRUE.value());
        assertFalse(JsonBoolean.FALSE.value());
    }

    @Test
    void onlyJsonNullIsNull() {
        assertTrue(JsonNull.INSTANCE.isNull());
        assertFalse(JsonBoolean.FALSE.isNull());
        assertFalse(JsonString.of("null").isNull());
        assertFalse(JsonNumber.of(0).isNull());
        assertFalse(JsonArray.of().isNull());
        assertFalse(JsonObject.empty().isNull());
    }

    @Test
    void everyTypeNamesItself() {
        assertEquals("object", JsonObject.empty().typeName());
        assertEquals("array", JsonArray.of().typeName());
        assertEquals("string", JsonString.of("").typeName());
        assertEquals("number", JsonNumber.of(1).typeName());
        assertEquals("boolean", JsonBoolean.TRUE.typeName());
        assertEquals("null", JsonNull.INSTANCE.typeName());
    }

    // ---- JsonObject ----

    @Test
    void objectWritesItsCanonicalText() {
        JsonObject object = JsonObject.builder().put("b", 1).put("a", "x").build();

        assertEquals("{\"a\":\"x\",\"b\":1}", object.toJson());
        assertEquals(object.toJson(), object.toString());
    }

    @Test
    void parsedObjectWritesNestedKeysSorted() throws Exception {
        JsonObject object = JsonParser.parseObject("{\"k\":[1,{\"z\":1,\"y\":2}]}");

        assertEquals("{\"k\":[1,{\"y\":2,\"z\":1}]}", object.toJson());
    }

    @Test
    void objectCopiesTheMapItIsGiven() {
        Map<String, JsonValue> source = new HashMap<>();
        source.put("a", JsonNumber.of(1));
        JsonObject object = JsonObject.of(source);

        source.put("b", JsonNumber.of(2));
        source.remove("a");

        assertEquals("{\"a\":1}", object.toJson());
        assertEquals(1, object.size());
    }

    @Test
    void objectMembersCannotBeModified() {
        JsonObject object = JsonObject.builder().put("a", 1).build();

        assertThrows(UnsupportedOperationException.class, () -> object.members().put("b", JsonNull.INSTANCE));
        assertThrows(UnsupportedOperationException.class, () -> object.members().remove("a"));
        assertEquals("{\"a\":1}", object.toJson());
    }

    @Test
    void aBuilderDoesNotChangeObjectsItAlreadyBuilt() {
        JsonObject.Builder builder = JsonObject.builder().put("a", 1);
        JsonObject built = builder.build();

        builder.put("b", 2).remove("a");

        assertEquals("{\"a\":1}", built.toJson());
        assertEquals("{\"b\":2}", builder.build().toJson());
    }

    @Test
    void toBuilderStartsFromTheObjectAndLeavesItAlone() {
        JsonObject original = JsonObject.builder().put("a", 1).put("b", true).build();

        JsonObject changed = original.toBuilder().remove("a").put("c", "new").build();

        assertEquals("{\"a\":1,\"b\":true}", original.toJson());
        assertEquals("{\"b\":true,\"c\":\"new\"}", changed.toJson());
    }

    @Test
    void builderReplacesAValueWhenAKeyIsPutTwice() {
        assertEquals("{\"a\":2}", JsonObject.builder().put("a", 1).put("a", 2).build().toJson());
    }

    @Test
    void javaNullsAreNotAllowedInObjects() {
        Map<String, JsonValue> withNullValue = new HashMap<>();
        withNullValue.put("a", null);

        assertThrows(NullPointerException.class, () -> JsonObject.of(withNullValue));
        assertThrows(NullPointerException.class, () -> JsonObject.builder().put("a", (JsonValue) null));
        assertThrows(NullPointerException.class, () -> JsonObject.builder().put(null, JsonNull.INSTANCE));
    }

    @Test
    void emptyObjectIsEmptyHowEverItIsMade() {
        assertTrue(JsonObject.empty().isEmpty());
        assertEquals(JsonObject.empty(), JsonObject.of(Map.of()));
        assertEquals(JsonObject.empty(), JsonObject.builder().build());
        assertEquals("{}", JsonObject.of(Map.of()).toJson());
    }

    @Test
    void objectAccessorsDistinguishAbsentNullAndWrongType() {
        JsonObject object = JsonObject.builder().put("s", "text").put("n", 3).put("z", JsonNull.INSTANCE).build();

        assertEquals(Optional.of("text"), object.getString("s"));
        assertEquals(Optional.empty(), object.getString("n"));
        assertEquals(Optional.empty(), object.getString("z"));
        assertEquals(Optional.empty(), object.getString("missing"));
        assertEquals(Optional.of(JsonNull.INSTANCE), object.get("z"));
        assertEquals(Optional.empty(), object.get("missing"));
        assertSame(JsonNull.INSTANCE, object.getOrNull("z"));
        assertNull(object.getOrNull("missing"));
        assertTrue(object.containsKey("z"));
        assertFalse(object.containsKey("missing"));
    }

    @Test
    void objectsWithDifferentMembersAreNotEqual() {
        JsonObject a = JsonObject.builder().put("a", 1).build();

        assertNotEquals(a, JsonObject.builder().put("a", 2).build());
        assertNotEquals(a, JsonObject.builder().put("b", 1).build());
        assertNotEquals(a, JsonObject.builder().put("a", 1).put("b", 1).build());
        assertNotEquals(JsonObject.builder().put("a", JsonNull.INSTANCE).build(), JsonObject.empty());
    }

    // ---- JsonArray ----

    @Test
    void arrayKeepsOrderAndCopiesItsList() {
        List<JsonValue> source = new ArrayList<>(List.of(JsonNumber.of(3), JsonNumber.of(1)));
        JsonArray array = JsonArray.of(source);

        source.add(JsonNumber.of(2));

        assertEquals("[3,1]", array.toJson());
        assertEquals(2, array.size());
        assertThrows(UnsupportedOperationException.class, () -> array.elements().add(JsonNull.INSTANCE));
    }

    @Test
    void arraysAreEqualOnlyWithTheSameElementsInTheSameOrder() {
        assertEquals(JsonArray.of(JsonNumber.of(1), JsonString.of("a")), JsonArray.of(List.of(number("1.0"), JsonString.of("a"))));
        assertNotEquals(JsonArray.of(JsonNumber.of(1), JsonNumber.of(2)), JsonArray.of(JsonNumber.of(2), JsonNumber.of(1)));
        assertNotEquals(JsonArray.of(), JsonObject.empty());
    }

    @Test
    void arrayRefusesJavaNullElements() {
        assertThrows(NullPointerException.class, () -> JsonArray.of(JsonNumber.of(1), null));
    }
}
