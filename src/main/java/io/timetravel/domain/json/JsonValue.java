package io.timetravel.domain.json;

/**
 * An immutable JSON value: the domain's representation of record data, patches and diffs.
 *
 * <p>The domain layer depends on the JDK only, so it carries its own small JSON model rather
 * than a library's tree type; object keys are always kept sorted, which makes the text form
 * canonical (the same value always prints the same way), as hashing and v1's sorted keys need.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

    /** The canonical JSON text of this value: sorted keys, no insignificant white space. */
    default String toJson() {
        return JsonWriter.write(this);
    }

    /** Whether this is a JSON {@code null}. */
    default boolean isNull() {
        return this == JsonNull.INSTANCE;
    }

    /** A short name of the value's JSON type, for messages ("object", "string", ...). */
    String typeName();
}
