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
                    .addSerializer(Instant.class, new InstantSerializer())
                    .addSerializer(JsonValue.class, new JsonValueSerializer())
                    .addSerializer(RawJson.class, new RawJsonSerializer()));

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

    private static final class InstantSerializer extends StdSerializer<Instant> {
        private static final long serialVersionUID = 1L;

        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(Instants.format(value));
        }
    }

    /** Lets bodies that write their own JSON nest inside others (a page of records, say). */
    private static final class RawJsonSerializer extends StdSerializer<RawJson> {
        private static final long serialVersionUID = 1L;

        RawJsonSerializer() {
            super(RawJson.class);
        }

        @Override
        public void serialize(RawJson value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            // Copied as its own text: the mapper's generator escapes with upper-case hex, and a
            // record nested in a page must read as it reads alone.
            generator.writeRawValue(text(value));
        }
    }

    private static final class JsonValueSerializer extends StdSerializer<JsonValue> {
        private static final long serialVersionUID = 1L;

        JsonValueSerializer() {
            super(JsonValue.class);
        }

        @Override
        public void serialize(JsonValue value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeRawValue(value.toJson());
        }
    }
}
