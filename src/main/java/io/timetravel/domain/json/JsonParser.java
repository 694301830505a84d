package io.timetravel.domain.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The strict JSON reader (RFC 8259) for untrusted input, building the domain's immutable values.
 *
 * <p>Jackson's streaming parser does the tokenising under {@link StreamReadConstraints} (nesting,
 * number and string length) with duplicate-key detection; this class adds what would still make
 * stored data ambiguous or lossy: invalid UTF-8 (decoded strictly before parsing, so a byte order
 * mark is refused too), unpaired surrogates, and content after the value. Every refusal is a
 * {@link JsonParseException} with a message fit to show a client, ending with the offset.
 * See docs/decisions/0038.
 */
public final class JsonParser {

    /** Nesting deeper than this is refused; the HTTP contract promises 64 levels. */
    public static final int DEFAULT_MAX_DEPTH = 64;
    private static final int MAX_NUMBER_LENGTH = 400;
    /** Above any body the listener accepts (1 MiB), so only stored text could come near it. */
    private static final int MAX_STRING_LENGTH = 16 * 1024 * 1024;

    private static final Map<Integer, JsonFactory> FACTORIES = new ConcurrentHashMap<>();

    private final com.fasterxml.jackson.core.JsonParser tokens;
    private final int maxDepth;

    private JsonParser(com.fasterxml.jackson.core.JsonParser tokens, int maxDepth) {
        this.tokens = tokens;
        this.maxDepth = maxDepth;
    }

    public static JsonValue parse(String text) throws JsonParseException {
        return parse(text, DEFAULT_MAX_DEPTH);
    }

    public static JsonValue parse(String text, int maxDepth) throws JsonParseException {
        requireHexDigitsInUnicodeEscapes(text);
        try (com.fasterxml.jackson.core.JsonParser tokens = factory(maxDepth).createParser(text)) {
            JsonParser parser = new JsonParser(tokens, maxDepth);
            if (tokens.nextToken() == null) {
                throw new JsonParseException("empty document");
            }
            JsonValue value = parser.readValue();
            requireOnlyWhitespaceAfter(text, (int) tokens.currentLocation().getCharOffset());
            return value;
        } catch (StreamConstraintsException e) {
            throw new JsonParseException(constraintMessage(e, maxDepth));
        } catch (JacksonException e) {
            throw JsonSyntaxMessages.of(e, text);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
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

    /**
     * One factory per depth limit (a factory is thread-safe). Keys are not canonicalised in a
     * shared symbol table: each body's keys are its own strings, and no client's choice of keys
     * can fill or collide a table that every request shares.
     */
    private static JsonFactory factory(int maxDepth) {
        return FACTORIES.computeIfAbsent(maxDepth, depth -> JsonFactory.builder()
                .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(depth)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNameLength(MAX_STRING_LENGTH)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build());
    }

    /** Reads the value whose first token is current, leaving its last token current. */
    private JsonValue readValue() throws IOException, JsonParseException {
        JsonToken token = tokens.currentToken();
        return switch (token) {
            case START_OBJECT -> readObject();
            case START_ARRAY -> readArray();
            case VALUE_STRING -> new JsonString(checkedText(tokens.getText()));
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> readNumber();
            case VALUE_TRUE -> JsonBoolean.TRUE;
            case VALUE_FALSE -> JsonBoolean.FALSE;
            case VALUE_NULL -> JsonNull.INSTANCE;
            default -> throw error("unexpected token " + token);
        };
    }

    private JsonObject readObject() throws IOException, JsonParseException {
        TreeMap<String, JsonValue> members = new TreeMap<>();
        while (tokens.nextToken() == JsonToken.FIELD_NAME) {
            String key = checkedText(tokens.currentName());
            tokens.nextToken();
            members.put(key, readValue());
        }
        return JsonObject.adopt(members);
    }

    private JsonArray readArray() throws IOException, JsonParseException {
        List<JsonValue> elements = new ArrayList<>();
        while (tokens.nextToken() != JsonToken.END_ARRAY) {
            elements.add(readValue());
        }
        return JsonArray.of(elements);
    }

    private JsonNumber readNumber() throws IOException, JsonParseException {
        String literal = tokens.getText();
        if (literal.length() > MAX_NUMBER_LENGTH) {
            throw error("number longer than " + MAX_NUMBER_LENGTH + " characters");
        }
        try {
            return JsonNumber.of(new BigDecimal(literal));
        } catch (NumberFormatException | ArithmeticException e) {
            throw error("number out of range");
        }
    }

    /** Jackson passes lone surrogates through, escaped or raw; stored text must not hold them. */
    private String checkedText(String value) throws JsonParseException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw error("unpaired surrogate in string");
            }
        }
        return value;
    }

    /**
     * Jackson's reader-based parser takes the low byte of each character after a backslash-u, so
     * U+0661 (ARABIC-INDIC DIGIT ONE) passes as the hex digit {@code a}; only ASCII hex digits are
     * digits here.
     */
    private static void requireHexDigitsInUnicodeEscapes(String text) throws JsonParseException {
        for (int pos = text.indexOf('\\'); pos >= 0 && pos + 1 < text.length(); pos = text.indexOf('\\', pos + 2)) {
            if (text.charAt(pos + 1) != 'u') {
                continue;
            }
            for (int i = pos + 2; i < Math.min(pos + 6, text.length()); i++) {
                char c = text.charAt(i);
                if (c >= 0x80 || Character.digit(c, 16) < 0) {
                    throw new JsonParseException("invalid \\u escape at offset " + i);
                }
            }
        }
    }

    private static void requireOnlyWhitespaceAfter(String text, int offset) throws JsonParseException {
        for (int pos = offset; pos < text.length(); pos++) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                throw new JsonParseException("unexpected content after the JSON value at offset " + pos);
            }
        }
    }

    private JsonParseException error(String message) {
        return new JsonParseException(message + " at offset " + tokens.currentTokenLocation().getCharOffset());
    }

    private static String constraintMessage(StreamConstraintsException e, int maxDepth) {
        String message = e.getOriginalMessage();
        if (message.contains("nesting depth")) {
            return "nesting deeper than " + maxDepth + " levels";
        }
        if (message.contains("Number value length")) {
            return "number longer than " + MAX_NUMBER_LENGTH + " characters";
        }
        return message.replaceAll(" \\(from `StreamReadConstraints[^)]*\\)", "");
    }

}
