package io.timetravel.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.timetravel.domain.Instants;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.domain.json.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The JSON form of response bodies: Java records with snake_case names, instants in the
 * product's one notation, and domain JSON values copied as their canonical text.
 */
public final class HttpJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .registerModule(new SimpleModule("timetravel")
                    .addSerializer(Instant.class, new WrittenAs<>(Instant.class,
                            (instant, generator) -> generator.writeString(Instants.format(instant))))
                    // Domain values as their canonical text.
                    .addSerializer(JsonValue.class, new WrittenAs<>(JsonValue.class,
                            (value, generator) -> generator.writeRawValue(value.toJson())))
                    // Bodies that write their own JSON, nested in others (a page of records, say),
                    // copied as their own text: the mapper's generator escapes with upper-case hex,
                    // and such a body must read nested as it reads alone.
                    .addSerializer(RawJson.class, new WrittenAs<>(RawJson.class,
                            (body, generator) -> generator.writeRawValue(text(body)))));

    private HttpJson() {
    }

    public static byte[] write(Object body) {
        if (body instanceof RawJson raw) {
            // The hot path: encoded once at the end (String.getBytes is an intrinsic).
            return text(raw).getBytes(StandardCharsets.UTF_8);
        }
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + body.getClass().getName(), e);
        }
    }

    /**
     * The JSON text of a body that writes itself (a server-sent event's data, a record): its
     * fields straight into a character generator, no serializer lookup.
     */
    public static String text(RawJson body) {
        return JsonWriter.text(body::writeJson);
    }

    /** How one type is written onto the mapper's generator. */
    @FunctionalInterface
    private interface Writing<T> {
        void write(T value, JsonGenerator generator) throws IOException;
    }

    /** A serializer that writes its type one set way: no reflection, no configuration. */
    private static final class WrittenAs<T> extends StdSerializer<T> {
        private static final long serialVersionUID = 1L;

        private final transient Writing<T> writing;

        WrittenAs(Class<T> type, Writing<T> writing) {
            super(type);
            this.writing = writing;
        }

        @Override
        public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            writing.write(value, generator);
        }
    }
}
