package io.timetravel.domain.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict parser that guards every record body: what it accepts, and what it refuses and why. */
class JsonParserTest {

    private static JsonParseException refused(String text) {
        return assertThrows(JsonParseException.class, () -> JsonParser.parse(text), () -> "should refuse: " + text);
    }

    private static JsonParseException refused(byte[] utf8) {
        return assertThrows(JsonParseException.class, () -> JsonParser.parse(utf8));
    }

    private static void assertMessageContains(JsonParseException e, String fragment) {
        assertTrue(e.getMessage().contains(fragment), () -> "message \"" + e.getMessage() + "\" should contain \"" + fragment + "\"");
    }

    private static String nested(String open, String close, int levels, String inner) {
        return open.repeat(levels) + inner + close.repeat(levels);
    }

    // ---- accepted documents ----

    @Test
    void parsesEveryJsonType() throws Exception {
        JsonObject object = JsonParser.parseObject(
                "{\"s\":\"text\",\"n\":-12.5e1,\"t\":true,\"f\":false,\"z\":null,\"a\":[1,\"x\",{}],\"o\":{\"k\":[]}}");

        assertEquals(JsonString.of("text"), object.getOrNull("s"));
        assertEquals(JsonNumber.of(new BigDecimal("-125")), object.getOrNull("n"));
        assertSame(JsonBoolean.TRUE, object.getOrNull("t"));
        assertSame(JsonBoolean.FALSE, object.getOrNull("f"));
        assertSame(JsonNull.INSTANCE, object.getOrNull("z"));
        assertEquals(JsonArray.of(JsonNumber.of(1), JsonString.of("x"), JsonObject.empty()), object.getOrNull("a"));
        assertEquals(JsonObject.builder().put("k", JsonArray.of()).build(), object.getOrNull("o"));
        assertEquals(7, object.size());
    }

    @Test
    void scalarsAreAcceptedAsWholeDocuments() throws Exception {
        assertEquals(JsonNumber.of(42), JsonParser.parse("42"));
        assertEquals(JsonString.of("hi"), JsonParser.parse("\"hi\""));
        assertSame(JsonBoolean.TRUE, JsonParser.parse("true"));
        assertSame(JsonBoolean.FALSE, JsonParser.parse("false"));
        assertSame(JsonNull.INSTANCE, JsonParser.parse("null"));
    }

    @Test
    void allFourKindsOfInsignificantWhitespaceAreAccepted() throws Exception {
        JsonValue value = JsonParser.parse(" \t\r\n{ \"a\" :\t[ 1 ,\n2 ] , \"b\"\r: { } }\n\r\t ");

        assertEquals("{\"a\":[1,2],\"b\":{}}", value.toJson());
    }

    @ParameterizedTest
    @ValueSource(chars = {'\u00a0', '\u000b', '\f', '\u2028', '\u3000', '\ufeff', '\u0000'})
    void whitespaceOutsideTheFourJsonKindsIsRefused(char space) {
        assertMessageContains(refused(space + "{}"), "unexpected character U+");
        assertMessageContains(refused("[1," + space + "2]"), "unexpected character U+");
        assertMessageContains(refused("{}" + space), "unexpected content after the JSON value");
    }

    @Test
    void objectMembersComeOutSortedByKey() throws Exception {
        JsonObject object = JsonParser.parseObject("{\"b\":1,\"c\":2,\"a\":3}");

        assertEquals(List.of("a", "b", "c"), List.copyOf(object.members().keySet()));
        assertEquals("{\"a\":3,\"b\":1,\"c\":2}", object.toJson());
    }

    @Test
    void arrayElementsKeepTheirOrder() throws Exception {
        JsonArray array = assertInstanceOf(JsonArray.class, JsonParser.parse("[3,1,2]"));

        assertEquals(List.of(JsonNumber.of(3), JsonNumber.of(1), JsonNumber.of(2)), array.elements());
    }

    // ---- empty and trailing content ----

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t\r "})
    void emptyDocumentIsRefused(String text) {
        assertMessageContains(refused(text), "empty document");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} {}", "{}}", "[1]]", "1 2", "\"a\"\"b\"", "null x", "{},", "truex", "0 0"})
    void trailingContentIsRefused(String text) {
        assertMessageContains(refused(text), "unexpected content after the JSON value");
    }

    // ---- duplicate keys ----

    @Test
    void duplicateKeysAreRefused() {
        JsonParseException e = refused("{\"a\":1,\"b\":2,\"a\":3}");

        assertMessageContains(e, "duplicate key \"a\"");
    }

    @Test
    void duplicateKeysAreRefusedEvenWhenTheValuesAgree() {
        assertMessageContains(refused("{\"a\":1,\"a\":1}"), "duplicate key");
    }

    @Test
    void duplicateKeysInNestedObjectsAreRefused() {
        assertMessageContains(refused("{\"outer\":[{\"x\":true,\"x\":false}]}"), "duplicate key \"x\"");
    }

    @Test
    void keysThatAreTheSameAfterUnescapingAreDuplicates() {
        assertMessageContains(refused("{\"a\":1,\"\\u0061\":2}"), "duplicate key \"a\"");
    }

    @Test
    void theSameKeyInDifferentObjectsIsNotADuplicate() throws Exception {
        JsonValue value = JsonParser.parse("{\"a\":{\"a\":1},\"b\":[{\"a\":1},{\"a\":2}]}");

        assertEquals("{\"a\":{\"a\":1},\"b\":[{\"a\":1},{\"a\":2}]}", value.toJson());
    }

    @Test
    void keysDifferingOnlyInCaseAreDistinct() throws Exception {
        assertEquals(2, JsonParser.parseObject("{\"a\":1,\"A\":2}").size());
    }

    @Test
    void longDuplicateKeyIsAbbreviatedInTheMessage() {
        String key = "k".repeat(1000);

        JsonParseException e = refused("{\"" + key + "\":1,\"" + key + "\":2}");

        assertMessageContains(e, "duplicate key \"" + "k".repeat(40) + "...\"");
        assertTrue(e.getMessage().length() < 120, e.getMessage());
    }

    @Test
    void aBodyOfManyDistinctKeysIsReadLikeAnyOther() throws Exception {
        // Keys are not interned in a table shared by every request, so no choice of keys can fill it.
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < 60_000; i++) {
            text.append(i == 0 ? "" : ",").append("\"k").append(Integer.toString(i, 36)).append("\":").append(i);
        }

        assertEquals(60_000, JsonParser.parseObject(text.append('}').toString()).size());
    }

    // ---- depth ----

    @Test
    void defaultDepthLimitIsSixtyFour() {
        assertEquals(64, JsonParser.DEFAULT_MAX_DEPTH);
    }

    @Test
    void nestingUpToTheDefaultLimitIsAccepted() throws Exception {
        JsonValue arrays = JsonParser.parse(nested("[", "]", 64, "1"));
        JsonObject objects = JsonParser.parseObject(nested("{\"k\":", "}", 63, "{}"));

        int depth = 0;
        for (JsonValue v = arrays; v instanceof JsonArray array; v = array.elements().get(0)) {
            depth++;
        }
        assertEquals(64, depth);
        int objectDepth = 0;
        for (JsonValue v = objects; v instanceof JsonObject object; v = object.getOrNull("k")) {
            objectDepth++;
        }
        assertEquals(64, objectDepth);
    }

    @Test
    void nestingBeyondTheDefaultLimitIsRefused() {
        assertMessageContains(refused(nested("[", "]", 65, "")), "nesting deeper than 64 levels");
        assertMessageContains(refused(nested("{\"k\":", "}", 64, "{}")), "nesting deeper than 64 levels");
    }

    @Test
    void mixedArraysAndObjectsCountTowardsTheSameLimit() throws Exception {
        String ok = nested("[{\"k\":", "}]", 32, "1");
        String tooDeep = nested("[{\"k\":", "}]", 32, "[]");

        assertEquals(ok, JsonParser.parse(ok).toJson());
        assertMessageContains(refused(tooDeep), "nesting deeper than 64 levels");
    }

    @Test
    void absurdNestingIsRefusedWithoutExhaustingTheStack() {
        String attack = "[".repeat(1_000_000);

        assertMessageContains(refused(attack), "nesting deeper than");
        assertMessageContains(refused("{\"a\":".repeat(200_000)), "nesting deeper than");
    }

    @Test
    void aCallerCanAskForAShallowerLimit() throws Exception {
        assertEquals(JsonArray.of(JsonArray.of(JsonNumber.of(1))), JsonParser.parse("[[1]]", 2));
        JsonParseException e = assertThrows(JsonParseException.class, () -> JsonParser.parse("[[1]]", 1));
        assertMessageContains(e, "nesting deeper than 1 levels");
        assertThrows(JsonParseException.class, () -> JsonParser.parseObject("{\"a\":{}}", 1));
    }

    // ---- UTF-8 ----

    @Test
    void validUtf8BytesAreDecoded() throws Exception {
        byte[] body = "{\"name\":\"Zoë Ørsted 😀 中文\"}".getBytes(StandardCharsets.UTF_8);

        assertEquals("Zoë Ørsted 😀 中文", JsonParser.parseObject(body).getString("name").orElseThrow());
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[][] bodies = {
            {'"', (byte) 0xC3, '(', '"'},                              // lead byte without continuation
            {'"', (byte) 0x80, '"'},                                   // lone continuation byte
            {'"', (byte) 0xC0, (byte) 0xAF, '"'},                      // overlong '/'
            {'"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"'},         // overlong three-byte form
            {'"', (byte) 0xE2, (byte) 0x82, '"'},                      // truncated sequence
            {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},         // UTF-8-encoded surrogate (CESU-8)
            {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // beyond U+10FFFF
            {'"', (byte) 0xFF, '"'},                                   // never valid
            {'"', 'a', (byte) 0xE2},                                   // truncated at the very end
        };
        for (byte[] body : bodies) {
            JsonParseException e = refused(body);
            assertEquals("body is not valid UTF-8", e.getMessage());
        }
    }

    @Test
    void invalidUtf8IsRefusedByParseObjectToo() {
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> JsonParser.parseObject(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}));

        assertEquals("body is not valid UTF-8", e.getMessage());
    }

    @Test
    void byteOrderMarkIsRefused() {
        byte[] body = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};

        assertMessageContains(refused(body), "U+FEFF");
    }

    // ---- strings ----

    @Test
    void allShortEscapesAreDecoded() throws Exception {
        assertEquals(JsonString.of("\"\\/\b\f\n\r\t"), JsonParser.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""));
    }

    @Test
    void unicodeEscapesAcceptEitherCaseOfHexDigits() throws Exception {
        assertEquals(JsonString.of("éé"), JsonParser.parse("\"\\u00E9\\u00e9\""));
        assertEquals(JsonString.of("\u0000"), JsonParser.parse("\"\\u0000\""));
    }

    @Test
    void escapedSurrogatePairBecomesOneCharacter() throws Exception {
        JsonString value = assertInstanceOf(JsonString.class, JsonParser.parse("\"\\ud83d\\ude00\""));

        assertEquals("😀", value.value());
        assertEquals(1, value.value().codePointCount(0, value.value().length()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"\\ud800\"",            // high surrogate alone
        "\"\\udc00\"",            // low surrogate alone
        "\"\\ud800\\u0041\"",     // high followed by a non-surrogate
        "\"\\ude00\\ud83d\"",     // pair in the wrong order
        "\"a\\ud800\\ud800b\"",   // two highs
        "\"\\ud83d\\ude00\\ud83d\"", // a good pair then a stray half
        "\"\ud800\"",             // raw high surrogate in the Java string
        "\"x\udc00\"",            // raw low surrogate
        "{\"\\ud800\":1}",        // in a key
    })
    void unpairedSurrogatesAreRefused(String text) {
        assertMessageContains(refused(text), "unpaired surrogate in string");
    }

    @Test
    void controlCharactersInStringsAreRefused() {
        for (char c = 0; c < 0x20; c++) {
            assertMessageContains(refused("\"a" + c + "b\""), "unescaped control character in string");
            // The same after an escape, where the parser has left its fast path.
            assertMessageContains(refused("\"\\n" + c + "\""), "unescaped control character in string");
            assertMessageContains(refused("{\"k" + c + "\":1}"), "unescaped control character in string");
        }
    }

    @Test
    void deleteAndOtherNonControlCharactersNeedNoEscape() throws Exception {
        assertEquals(JsonString.of("\u007f\u0080\u00a0\u2028"), JsonParser.parse("\"\u007f\u0080\u00a0\u2028\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"\\x41\"", "\"\\'\"", "\"\\U0041\"", "\"\\a\"", "\"\\0\"", "\"\\ \"",
    })
    void unknownEscapesAreRefused(String text) {
        assertMessageContains(refused(text), "invalid escape");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"\\u12G4\"", "\"\\u-123\"", "\"\\u 123\"", "\"\\u12\"",
        "\"\\u\uff10\uff10\uff14\uff11\"",   // fullwidth digits are not hex digits
        "\"\\u00\uff21\uff21\"",             // fullwidth letters either
        "\"\\u\u0661\u0662\u0663\u0664\"",   // nor Arabic-Indic digits
    })
    void malformedUnicodeEscapesAreRefused(String text) {
        assertMessageContains(refused(text), "\\u escape");
    }

    @Test
    void unicodeEscapeCutShortByTheEndIsRefused() {
        assertMessageContains(refused("\"\\u12"), "unterminated string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc", "\"abc\\", "\"abc\\\"", "\"\\n", "[\"a]", "{\"a"})
    void unterminatedStringIsRefused(String text) {
        assertMessageContains(refused(text), "unterminated string");
    }

    // ---- numbers ----

    @Test
    void numbersAreKeptExactly() throws Exception {
        JsonNumber big = assertInstanceOf(JsonNumber.class, JsonParser.parse("123456789012345678901234567890.000000000000000000001"));
        JsonNumber tenth = assertInstanceOf(JsonNumber.class, JsonParser.parse("0.1"));

        assertEquals(new BigDecimal("123456789012345678901234567890.000000000000000000001"), big.value());
        assertEquals(new BigDecimal("0.1"), tenth.value());
        assertEquals("0.1", tenth.toJson());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "7", "-7", "1.5", "-0.25", "1e3", "1E3", "1e+3", "1e-3", "-1.5E-10", "0.0e0", "10"})
    void everyGrammaticalNumberFormIsAccepted(String text) throws Exception {
        JsonNumber number = assertInstanceOf(JsonNumber.class, JsonParser.parse(text));

        assertEquals(0, new BigDecimal(text).compareTo(number.value()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1", ".5", "1.", "1.e3", "1e", "1e+", "1E-", "-", "--1", "-.5", "0x10", "NaN", "Infinity", "-Infinity", "- 1"})
    void numbersOutsideTheGrammarAreRefused(String text) {
        JsonParseException e = refused(text);

        assertFalse(e.getMessage().isBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "-01", "00", "1.5.5", "1e5e5"})
    void leadingZerosAndRepeatedPartsAreRefused(String text) {
        assertMessageContains(refused(text), "unexpected content after the JSON value");
        assertThrows(JsonParseException.class, () -> JsonParser.parse("[" + text + "]"));
    }

    @Test
    void numberLiteralsUpToTheLengthLimitAreAccepted() throws Exception {
        String integer = "9".repeat(400);
        String fraction = "-0." + "1".repeat(397);

        assertEquals(new BigDecimal(integer), ((JsonNumber) JsonParser.parse(integer)).value());
        assertEquals(new BigDecimal(fraction), ((JsonNumber) JsonParser.parse(fraction)).value());
    }

    @Test
    void numberLiteralsLongerThanTheLimitAreRefused() {
        assertMessageContains(refused("9".repeat(401)), "number longer than 400 characters");
        assertMessageContains(refused("[1." + "0".repeat(100_000) + "]"), "number longer than 400 characters");
    }

    @Test
    void exponentBeyondTheRepresentableRangeIsRefused() {
        assertMessageContains(refused("1e99999999999"), "number out of range");
        assertMessageContains(refused("1e-99999999999"), "number out of range");
    }

    // ---- literals and structure ----

    @ParameterizedTest
    @ValueSource(strings = {"tru", "nul", "f", "True", "NULL", "FALSE", "undefined", "'a'", "[1,'a']"})
    void misspelledLiteralsAndForeignSyntaxAreRefused(String text) {
        assertMessageContains(refused(text), "unexpected character");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{", "[", "[1", "[1,", "{\"a\"", "{\"a\":", "{\"a\":1", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}",
        "[1 2]", "{\"a\":1 \"b\":2}", "}", "]", ",", ":", "{,}", "[,]", "{\"a\":1;\"b\":2}", "{1:2}", "[\"a\":1]",
    })
    void structuralErrorsAreRefused(String text) {
        JsonParseException e = refused(text);

        assertTrue(e.getMessage().matches(".+ at offset \\d+"), e.getMessage());
    }

    @Test
    void errorMessagesSayWhatWentWrongAndWhere() {
        assertEquals("unexpected character ']' at offset 3", refused("[1,]").getMessage());
        assertEquals("expected ',' or '}' at offset 6", refused("{\"a\":1]").getMessage());
        assertEquals("expected ':' at offset 5", refused("{\"a\" 1}").getMessage());
        assertEquals("expected a quoted key at offset 1", refused("{a:1}").getMessage());
        assertEquals("unexpected end of input at offset 5", refused("{\"a\":").getMessage());
        assertEquals("unexpected character U+0001 at offset 0", refused("\u0001").getMessage());
    }

    // ---- parseObject ----

    @Test
    void parseObjectReturnsTheObject() throws Exception {
        JsonObject object = JsonParser.parseObject("{\"a\":1}");
        JsonObject fromBytes = JsonParser.parseObject("{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        assertEquals(JsonObject.builder().put("a", 1).build(), object);
        assertEquals(object, fromBytes);
    }

    @Test
    void parseObjectRequiresAnObject() {
        assertEquals("expected a JSON object but got array",
                assertThrows(JsonParseException.class, () -> JsonParser.parseObject("[1]")).getMessage());
        assertEquals("expected a JSON object but got string",
                assertThrows(JsonParseException.class, () -> JsonParser.parseObject("\"{}\"")).getMessage());
        assertEquals("expected a JSON object but got null",
                assertThrows(JsonParseException.class, () -> JsonParser.parseObject("null")).getMessage());
        assertEquals("expected a JSON object but got number",
                assertThrows(JsonParseException.class, () -> JsonParser.parseObject("1".getBytes(StandardCharsets.UTF_8))).getMessage());
        assertEquals("expected a JSON object but got boolean",
                assertThrows(JsonParseException.class, () -> JsonParser.parseObject("true", 5)).getMessage());
    }

    @Test
    void parseObjectStillAppliesEveryOtherRule() {
        assertMessageContains(assertThrows(JsonParseException.class, () -> JsonParser.parseObject("")), "empty document");
        assertMessageContains(assertThrows(JsonParseException.class, () -> JsonParser.parseObject("{} x")), "unexpected content");
        assertMessageContains(assertThrows(JsonParseException.class, () -> JsonParser.parseObject("{\"a\":1,\"a\":1}")), "duplicate key");
    }
}
