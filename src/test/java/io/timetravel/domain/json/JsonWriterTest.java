package io.timetravel.domain.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Canonical JSON text: the form that is stored, hashed and returned, so it must never drift. */
class JsonWriterTest {

    @Test
    void objectKeysAreWrittenSortedWhateverTheInsertionOrder() {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("zeta", JsonNumber.of(1));
        members.put("alpha", JsonNumber.of(2));
        members.put("mid", JsonObject.builder().put("y", true).put("x", false).build());

        assertEquals("{\"alpha\":2,\"mid\":{\"x\":false,\"y\":true},\"zeta\":1}", JsonWriter.write(JsonObject.of(members)));
    }

    @Test
    void keysAreOrderedByUtf16CodeUnits() {
        JsonObject object = JsonObject.builder().put("é", 1).put("a", 2).put("B", 3).put("😀", 4).put("\uffff", 5).put("", 6).build();

        assertEquals("{\"\":6,\"B\":3,\"a\":2,\"é\":1,\"😀\":4,\"\uffff\":5}", object.toJson());
    }

    @Test
    void equalObjectsBuiltInDifferentOrdersPrintIdentically() {
        JsonObject first = JsonObject.builder().put("a", 1).put("b", "x").put("c", JsonArray.of(JsonNull.INSTANCE)).build();
        JsonObject second = JsonObject.builder().put("c", JsonArray.of(JsonNull.INSTANCE)).put("b", "x").put("a", 1).build();

        assertEquals(first, second);
        assertEquals(first.toJson(), second.toJson());
    }

    @Test
    void noInsignificantWhitespaceIsWritten() throws Exception {
        JsonValue value = JsonParser.parse("{ \"b\" : [ 1 , 2 , { } , [ ] ] ,\n \"a\" : { \"c\" : null } }");

        assertEquals("{\"a\":{\"c\":null},\"b\":[1,2,{},[]]}", JsonWriter.write(value));
    }

    @Test
    void scalarsAreWrittenAsLiterals() {
        assertEquals("true", JsonWriter.write(JsonBoolean.TRUE));
        assertEquals("false", JsonWriter.write(JsonBoolean.FALSE));
        assertEquals("null", JsonWriter.write(JsonNull.INSTANCE));
        assertEquals("-17", JsonWriter.write(JsonNumber.of(-17)));
        assertEquals("\"x\"", JsonWriter.write(JsonString.of("x")));
        assertEquals("[]", JsonWriter.write(JsonArray.of()));
        assertEquals("{}", JsonWriter.write(JsonObject.empty()));
    }

    @Test
    void numbersKeepTheDigitsTheyWereWrittenWith() throws Exception {
        assertEquals("1.50", JsonParser.parse("1.50").toJson());
        assertEquals("0.1000000000000000055511151231257827", JsonParser.parse("0.1000000000000000055511151231257827").toJson());
        assertEquals("123456789012345678901234567890", JsonParser.parse("123456789012345678901234567890").toJson());
    }

    @Test
    void numbersWithExponentsAreWrittenAsValidJsonOfTheSameValue() throws Exception {
        for (String text : new String[] {"1e2", "1E-7", "-2.5e+30", "0e5", "0.0000001", "-0"}) {
            String written = JsonParser.parse(text).toJson();

            assertEquals(JsonParser.parse(text), JsonParser.parse(written), () -> text + " was written as " + written);
        }
    }

    /**
     * Integers up to a long's digits are written as longs, other numbers from a copy (so that no
     * text stays cached in numbers kept for long): the text must be what {@link BigDecimal#toString()} gives.
     */
    @Test
    void everyNumberIsWrittenAsBigDecimalWritesIt() {
        List<String> texts = new ArrayList<>(List.of("0", "-0", "7", "-7", "999999999999999999", "-999999999999999999",
                "1000000000000000000", "9223372036854775807", "-9223372036854775808", "92233720368547758070", "1.50", "-0.001",
                "1E+3", "1e-7", "-2.5E+30", "0E+5", "0.00"));
        Random random = new Random(20261130);
        for (int i = 0; i < 2_000; i++) {
            texts.add(new BigDecimal(java.math.BigInteger.valueOf(random.nextLong()).shiftLeft(random.nextInt(3) * 20),
                    random.nextInt(16) - 5).toString());
        }
        for (String text : texts) {
            BigDecimal number = new BigDecimal(text);

            assertEquals(number.toString(), JsonNumber.of(number).toJson(), text);
        }
    }

    @Test
    void quoteAndBackslashAreEscaped() {
        assertEquals("\"say \\\"hi\\\" to C:\\\\dir\"", JsonWriter.write(JsonString.of("say \"hi\" to C:\\dir")));
    }

    @Test
    void commonControlCharactersUseShortEscapes() {
        assertEquals("\"\\n\\r\\t\\b\\f\"", JsonWriter.write(JsonString.of("\n\r\t\b\f")));
    }

    @Test
    void otherControlCharactersUseLowercaseUnicodeEscapes() {
        assertEquals("\"\\u0000\\u0001\\u000b\\u001f\"", JsonWriter.write(JsonString.of("\u0000\u0001\u000b\u001f")));
    }

    @Test
    void everyControlCharacterIsEscaped() {
        for (char c = 0; c < 0x20; c++) {
            String written = JsonWriter.write(JsonString.of("a" + c + "b"));

            for (int i = 0; i < written.length(); i++) {
                assertTrue(written.charAt(i) >= 0x20, "raw control character U+" + Integer.toHexString(c) + " in " + written);
            }
        }
    }

    @Test
    void slashNonAsciiAndDeleteAreWrittenAsTheyAre() {
        assertEquals("\"a/b é 😀 \u007f \u2028\"", JsonWriter.write(JsonString.of("a/b é 😀 \u007f \u2028")));
    }

    @Test
    void keysAreEscapedLikeStrings() {
        JsonObject object = JsonObject.builder().put("a\"b\n", 1).build();

        assertEquals("{\"a\\\"b\\n\":1}", object.toJson());
    }

    @Test
    void writeAppendsToTheGivenBuilder() {
        StringBuilder out = new StringBuilder("prefix:");
        JsonWriter.write(JsonArray.of(JsonNumber.of(1), JsonString.of("a")), out);
        JsonWriter.write(JsonString.of("q\""), out);

        assertEquals("prefix:[1,\"a\"]\"q\\\"\"", out.toString());
    }

    @Test
    void nestedObjectsInsideArraysAndObjectsAreCanonicalToo() {
        JsonObject inner = JsonObject.builder().put("b", 2).put("a", 1).build();
        JsonValue value = JsonArray.of(inner, JsonObject.builder().put("z", inner).put("y", JsonArray.of(inner)).build());

        assertEquals("[{\"a\":1,\"b\":2},{\"y\":[{\"a\":1,\"b\":2}],\"z\":{\"a\":1,\"b\":2}}]", JsonWriter.write(value));
    }

    @Test
    void jacksonWritesExactlyTheTextTheHandWrittenWriterDid() {
        // The canonical text is hashed into the audit chain: the writer on Jackson must give, for
        // every value, the very characters the writer before it gave (CanonicalTextOracle).
        Random random = new Random(20261130L);
        for (int i = 0; i < 20_000; i++) {
            JsonValue value = randomValue(random, 0, ANY);

            assertEquals(CanonicalTextOracle.write(value), JsonWriter.write(value));
        }
        for (char c = 0; c < 0x100; c++) {
            JsonString one = JsonString.of("<" + c + ">");
            assertEquals(CanonicalTextOracle.write(one), JsonWriter.write(one), () -> "U+" + Integer.toHexString(one.value().charAt(1)));
        }
    }

    @Test
    void spacedFormPutsASpaceAfterEachColonAndComma() {
        JsonObject value = JsonObject.builder().put("b", JsonArray.of(JsonNumber.of(2), JsonObject.empty(), JsonArray.of()))
                .put("a", "x\"y").build();

        assertEquals("{\"a\": \"x\\\"y\", \"b\": [2, {}, []]}", JsonWriter.spaced(value));
        assertEquals("[]", JsonWriter.spaced(JsonArray.of()));
        assertEquals("null", JsonWriter.spaced(JsonNull.INSTANCE));
    }

    @Test
    void anObjectWithASetOrderKeepsThatOrder() {
        StringBuilder out = new StringBuilder();
        JsonWriter.object(out, members -> members.number("z", 1).string("a", "q\"").value("m", JsonObject.builder().put("y", 1).put("x", 2).build()));

        assertEquals("{\"z\":1,\"a\":\"q\\\"\",\"m\":{\"x\":2,\"y\":1}}", out.toString());
    }

    @Test
    void writingThenParsingGivesBackTheSameValue() throws Exception {
        Random random = new Random(8259L);
        for (int i = 0; i < 2_000; i++) {
            JsonValue value = randomValue(random, 0, VALID);
            String text = JsonWriter.write(value);

            JsonValue reparsed = JsonParser.parse(text);

            assertEquals(value, reparsed, text);
            assertEquals(text, reparsed.toJson(), "canonical text must be stable across a round trip");
        }
    }

    private static JsonValue randomValue(Random random, int depth, String[] pieces) {
        int kind = random.nextInt(depth >= 4 ? 4 : 6);
        switch (kind) {
            case 0:
                return JsonString.of(randomString(random, pieces));
            case 1:
                return random.nextBoolean()
                        ? JsonNumber.of(random.nextLong())
                        : JsonNumber.of(new BigDecimal(random.nextInt(100_000)).movePointLeft(random.nextInt(8)));
            case 2:
                return JsonBoolean.of(random.nextBoolean());
            case 3:
                return JsonNull.INSTANCE;
            case 4: {
                List<JsonValue> elements = new ArrayList<>();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    elements.add(randomValue(random, depth + 1, pieces));
                }
                return JsonArray.of(elements);
            }
            default: {
                JsonObject.Builder builder = JsonObject.builder();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    builder.put(randomString(random, pieces), randomValue(random, depth + 1, pieces));
                }
                return builder.build();
            }
        }
    }

    /** Pieces of strings: ASCII, the characters that need escaping, non-BMP characters and controls. */
    private static final String[] VALID = {"a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\b", "\f", "\r", "\u0000", "\u0001",
        "\u001f", "\u007f", "é", "€", "😀", "\u2028", "{", "}"};
    /** The valid pieces and lone surrogates, which a string built in memory may hold. */
    private static final String[] ANY = {"a", "\"", "\\", "/", "\n", "\t", "\b", "\f", "\r", "\u0000", "\u0001", "\u001f",
        "\u007f", "é", "😀", "\u2028", "\ud800", "\udc00"};

    private static String randomString(Random random, String[] pieces) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            out.append(pieces[random.nextInt(pieces.length)]);
        }
        return out.toString();
    }
}
