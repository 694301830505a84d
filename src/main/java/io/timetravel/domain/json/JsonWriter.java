package io.timetravel.domain.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * Writes {@link JsonValue}s through Jackson's streaming generator: as canonical text (sorted keys,
 * minimal escaping with lower-case hex, no spaces), the form that is stored, hashed and returned;
 * as the spaced form people read; and, for answers whose members have a set order, member by
 * member. See docs/decisions/0038.
 */
public final class JsonWriter {

    /** Escapes only what JSON requires ({@code "}, {@code \}, controls), hex digits lower case. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .build();

    private JsonWriter() {
    }

    /** The canonical text of {@code value}. */
    public static String write(JsonValue value) {
        StringBuilder out = new StringBuilder(64);
        write(value, out);
        return out.toString();
    }

    /** Appends the canonical text of {@code value}. */
    public static void write(JsonValue value, StringBuilder out) {
        generate(out, null, generator -> writeValue(value, generator));
    }

    /** {@code value} with a space after each colon and comma, as a person reads it ("{"a": 1, "b": [2, 3]}"). */
    public static String spaced(JsonValue value) {
        StringBuilder out = new StringBuilder(64);
        generate(out, new SpacedPrinter(), generator -> writeValue(value, generator));
        return out.toString();
    }

    /** Appends one JSON object whose members {@code members} writes in its own order. */
    public static void object(StringBuilder out, MemberWriter members) {
        generate(out, null, generator -> object(generator, members));
    }

    /**
     * Writes one JSON object whose members {@code members} writes in its own order onto a generator
     * the caller holds (an HTTP answer's), with values in their canonical form: no text is built
     * first to be copied in afterwards.
     */
    public static void object(JsonGenerator generator, MemberWriter members) throws IOException {
        generator.writeStartObject();
        members.writeTo(new Members(generator));
        generator.writeEndObject();
    }

    /** Writes the members of an object with a set order. */
    @FunctionalInterface
    public interface MemberWriter {
        void writeTo(Members members) throws IOException;
    }

    /** The members of one object, written in the order they are given. */
    public static final class Members {
        private final JsonGenerator generator;

        private Members(JsonGenerator generator) {
            this.generator = generator;
        }

        public Members number(String name, long value) throws IOException {
            generator.writeNumberField(name, value);
            return this;
        }

        public Members string(String name, String value) throws IOException {
            generator.writeStringField(name, value);
            return this;
        }

        public Members value(String name, JsonValue value) throws IOException {
            generator.writeFieldName(name);
            writeValue(value, generator);
            return this;
        }
    }

    /** Writes one JSON value onto a generator. */
    @FunctionalInterface
    public interface Generation {
        void run(JsonGenerator generator) throws IOException;
    }

    /**
     * The text {@code generation} writes, escaped as the canonical text is: for a body that writes
     * itself member by member (an HTTP answer's record, an event's data).
     */
    public static String text(Generation generation) {
        StringBuilder out = new StringBuilder(512);
        generate(out, null, generation);
        return out.toString();
    }

    private static void generate(StringBuilder out, PrettyPrinter printer, Generation generation) {
        try (JsonGenerator generator = FACTORY.createGenerator(new AppendingWriter(out))) {
            generator.setPrettyPrinter(printer);
            generation.run(generator);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    /**
     * Writes a number's text as {@link BigDecimal#toString()} gives it: a number kept as a
     * {@code long} as one (the same digits), any other from a copy of its {@code BigDecimal}, whose
     * {@code toString()} would keep the text in the number for good (a string for every number of
     * every version a timeline holds).
     */
    private static void writeNumber(JsonNumber number, JsonGenerator generator) throws IOException {
        if (number.isLong()) {
            generator.writeNumber(number.longValue());
        } else {
            BigDecimal value = number.value();
            generator.writeNumber(new BigDecimal(value.unscaledValue(), value.scale()));
        }
    }

    private static void writeValue(JsonValue value, JsonGenerator generator) throws IOException {
        if (value instanceof JsonObject object) {
            generator.writeStartObject();
            for (int i = 0; i < object.size(); i++) {
                generator.writeFieldName(object.key(i));
                writeValue(object.value(i), generator);
            }
            generator.writeEndObject();
        } else if (value instanceof JsonArray array) {
            generator.writeStartArray();
            for (JsonValue element : array.elements()) {
                writeValue(element, generator);
            }
            generator.writeEndArray();
        } else if (value instanceof JsonString string) {
            generator.writeString(string.value());
        } else if (value instanceof JsonNumber number) {
            writeNumber(number, generator);
        } else if (value instanceof JsonBoolean bool) {
            generator.writeBoolean(bool.value());
        } else {
            generator.writeNull();
        }
    }

    /** ": " between a key and its value and ", " between members or elements; nothing else. */
    private static final class SpacedPrinter extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }
}
