package io.timetravel.domain.json;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A strict JSON parser (RFC 8259) for untrusted input.
 *
 * <p>It refuses what would make stored data ambiguous or lossy: invalid UTF-8, duplicate keys,
 * unpaired surrogates, trailing content, nesting deeper than the limit and absurdly long number
 * literals (whose conversion would cost quadratic time). Every refusal is a
 * {@link JsonParseException} with a message fit to show a client.
 */
public final class JsonParser {

    /** Nesting deeper than this is refused; the HTTP contract promises 64 levels. */
    public static final int DEFAULT_MAX_DEPTH = 64;
    private static final int MAX_NUMBER_LENGTH = 400;

    private final String text;
    private final int maxDepth;
    private int pos;

    private JsonParser(String text, int maxDepth) {
        this.text = text;
        this.maxDepth = maxDepth;
    }

    public static JsonValue parse(String text) throws JsonParseException {
        return parse(text, DEFAULT_MAX_DEPTH);
    }

    public static JsonValue parse(String text, int maxDepth) throws JsonParseException {
        JsonParser parser = new JsonParser(text, maxDepth);
        parser.skipWhitespace();
        if (parser.pos >= text.length()) {
            throw new JsonParseException("empty document");
        }
        JsonValue value = parser.readValue(1);
        parser.skipWhitespace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected content after the JSON value");
        }
        return value;
    }

    /** Decodes strict UTF-8 (a byte order mark is refused too) and parses. */
    public static JsonValue parse(byte[] utf8) throws JsonParseException {
        return parse(decodeUtf8(utf8));
    }

    /** Parses a document that must be a JSON object. */
    public static JsonObject parseObject(String text) throws JsonParseException {
        return parseObject(text, DEFAULT_MAX_DEPTH);
    }

    public static JsonObject parseObject(String text, int maxDepth) throws JsonParseException {
        JsonValue value = parse(text, maxDepth);
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new JsonParseException("expected a JSON object but got " + value.typeName());
    }

    public static JsonObject parseObject(byte[] utf8) throws JsonParseException {
        return parseObject(decodeUtf8(utf8));
    }

    public static String decodeUtf8(byte[] utf8) throws JsonParseException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new JsonParseException("body is not valid UTF-8");
        }
    }

    private JsonValue readValue(int depth) throws JsonParseException {
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> readObject(depth);
            case '[' -> readArray(depth);
            case '"' -> new JsonString(readString());
            case 't' -> readLiteral("true", JsonBoolean.TRUE);
            case 'f' -> readLiteral("false", JsonBoolean.FALSE);
            case 'n' -> readLiteral("null", JsonNull.INSTANCE);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield readNumber();
                }
                throw error("unexpected character " + describe(c));
            }
        };
    }

    private JsonObject readObject(int depth) throws JsonParseException {
        checkDepth(depth);
        pos++; // '{'
        TreeMap<String, JsonValue> members = new TreeMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return JsonObject.empty();
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a quoted key");
            }
            String key = readString();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            JsonValue value = readValue(depth + 1);
            if (members.put(key, value) != null) {
                throw error("duplicate key \"" + abbreviate(key) + "\"");
            }
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                return JsonObject.adopt(members);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private JsonArray readArray(int depth) throws JsonParseException {
        checkDepth(depth);
        pos++; // '['
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return JsonArray.of(elements);
        }
        while (true) {
            skipWhitespace();
            elements.add(readValue(depth + 1));
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                return JsonArray.of(elements);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private String readString() throws JsonParseException {
        pos++; // opening quote
        int start = pos;
        int length = text.length();
        // Fast path: no escapes.
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == '"') {
                String plain = text.substring(start, pos++);
                checkSurrogates(plain);
                return plain;
            }
            if (c == '\\' || c < 0x20) {
                break;
            }
            pos++;
        }
        StringBuilder out = new StringBuilder(pos - start + 16).append(text, start, pos);
        while (pos < length) {
            char c = text.charAt(pos++);
            if (c == '"') {
                String value = out.toString();
                checkSurrogates(value);
                return value;
            }
            if (c < 0x20) {
                pos--;
                throw error("unescaped control character in string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= length) {
                break;
            }
            char escape = text.charAt(pos++);
            switch (escape) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(readHexChar());
                default -> {
                    pos--;
                    throw error("invalid escape \\" + describe(escape));
                }
            }
        }
        throw error("unterminated string");
    }

    private char readHexChar() throws JsonParseException {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            char c = text.charAt(pos + i);
            // Character.digit would also take non-ASCII digits such as U+FF10 (fullwidth zero).
            int digit = c < 0x80 ? Character.digit(c, 16) : -1;
            if (digit < 0) {
                throw error("invalid \\u escape");
            }
            value = value * 16 + digit;
        }
        pos += 4;
        return (char) value;
    }

    private void checkSurrogates(String value) throws JsonParseException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw error("unpaired surrogate in string");
            }
            if (Character.isLowSurrogate(c)) {
                throw error("unpaired surrogate in string");
            }
        }
    }

    private JsonNumber readNumber() throws JsonParseException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            skipDigits();
        } else {
            throw error("invalid number");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("invalid number: digits expected after '.'");
            }
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("invalid number: digits expected in exponent");
            }
            skipDigits();
        }
        if (pos - start > MAX_NUMBER_LENGTH) {
            throw error("number longer than " + MAX_NUMBER_LENGTH + " characters");
        }
        try {
            return JsonNumber.of(new BigDecimal(text.substring(start, pos)));
        } catch (NumberFormatException | ArithmeticException e) {
            throw error("number out of range");
        }
    }

    private JsonValue readLiteral(String literal, JsonValue value) throws JsonParseException {
        if (!text.startsWith(literal, pos)) {
            throw error("unexpected character " + describe(text.charAt(pos)));
        }
        pos += literal.length();
        return value;
    }

    private void checkDepth(int depth) throws JsonParseException {
        if (depth > maxDepth) {
            throw error("nesting deeper than " + maxDepth + " levels");
        }
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void skipWhitespace() {
        int length = text.length();
        while (pos < length) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    /** The current character, or NUL at the end (NUL never appears unescaped in valid JSON). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(char c) throws JsonParseException {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private JsonParseException error(String message) {
        return new JsonParseException(message + " at offset " + pos);
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static String abbreviate(String key) {
        return key.length() <= 40 ? key : key.substring(0, 40) + "...";
    }
}
