package io.timetravel.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonValue;

/** Reading members of JSON answers in tests, failing with the whole body when one is not there. */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** A member that must be an integral number. */
    public static long number(JsonObject object, String key) {
        JsonValue value = object.getOrNull(key);
        assertTrue(value instanceof JsonNumber, () -> key + " in " + object);
        return ((JsonNumber) value).value().longValueExact();
    }

    /** A record body's {@code data}, as JSON text. */
    public static String data(JsonObject record) {
        return record.getOrNull("data").toJson();
    }
}
