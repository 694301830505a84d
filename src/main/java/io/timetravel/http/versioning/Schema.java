package io.timetravel.http.versioning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A small JSON-schema-like description of a response body: a type (with a format such as
 * {@code int64} or {@code date-time}), an object's named properties, a map's values or an
 * array's items, and whether a property may be absent or null. Enough to compare two versions'
 * answers ({@link SchemaDiff}) and, in the tests, to check that a real answer matches its declaration.
 */
public final class Schema {

    private final String type;
    private final String format;
    private final Map<String, Schema> properties;
    private final Schema elements;
    private final boolean nullable;
    private final boolean optional;

    private Schema(String type, String format, Map<String, Schema> properties, Schema elements, boolean nullable,
                   boolean optional) {
        this.type = type;
        this.format = format;
        this.properties = properties;
        this.elements = elements;
        this.nullable = nullable;
        this.optional = optional;
    }

    private static Schema of(String type, String format) {
        return new Schema(type, format, Map.of(), null, false, false);
    }

    public static Schema string() {
        return of("string", null);
    }

    /** A string holding an instant in the product's notation. */
    public static Schema dateTime() {
        return of("string", "date-time");
    }

    public static Schema int32() {
        return of("integer", "int32");
    }

    public static Schema int64() {
        return of("integer", "int64");
    }

    /** A JSON number, not necessarily whole (money, percentages). */
    public static Schema decimal() {
        return of("number", null);
    }

    public static Schema bool() {
        return of("boolean", null);
    }

    /** Any JSON value. */
    public static Schema any() {
        return of("any", null);
    }

    /** An object with no properties yet; add them with {@link #with}. */
    public static Schema object() {
        return of("object", null);
    }

    /** An object used as a map: any member names, every value described by {@code values}. */
    public static Schema mapOf(Schema values) {
        return new Schema("object", null, Map.of(), Objects.requireNonNull(values), false, false);
    }

    public static Schema arrayOf(Schema items) {
        return new Schema("array", null, Map.of(), Objects.requireNonNull(items), false, false);
    }

    /** A body that is not JSON, named by its media type (an event stream, a gzip file). */
    public static Schema media(String mediaType) {
        return of(mediaType, null);
    }

    /** This object with one more property. */
    public Schema with(String name, Schema property) {
        if (!type.equals("object") || elements != null) {
            throw new IllegalStateException("only objects with named properties take properties");
        }
        Map<String, Schema> more = new LinkedHashMap<>(properties);
        if (more.put(name, Objects.requireNonNull(property)) != null) {
            throw new IllegalArgumentException("property " + name + " declared twice");
        }
        return new Schema(type, format, Collections.unmodifiableMap(more), null, nullable, optional);
    }

    /** The same, also allowing {@code null}. */
    public Schema nullable() {
        return new Schema(type, format, properties, elements, true, optional);
    }

    /** The same, as a property that is present only sometimes. */
    public Schema optional() {
        return new Schema(type, format, properties, elements, nullable, true);
    }

    /** Named properties of an object, in declaration order (empty for maps and other types). */
    public Map<String, Schema> properties() {
        return properties;
    }

    /** An array's items or a map's values, or {@code null}. */
    public Schema elements() {
        return elements;
    }

    public boolean isArray() {
        return type.equals("array");
    }

    public boolean isOptional() {
        return optional;
    }

    /**
     * The type in words, without the properties: {@code integer (int64)}, {@code object of string},
     * {@code array of object}, {@code string (date-time) or null}. Two schemas with different
     * descriptions have different types.
     */
    public String describe() {
        StringBuilder out = new StringBuilder(type);
        if (format != null) {
            out.append(" (").append(format).append(')');
        }
        if (elements != null) {
            out.append(" of ").append(elements.describe());
        }
        if (nullable) {
            out.append(" or null");
        }
        return out.toString();
    }

    @Override
    public String toString() {
        if (properties.isEmpty()) {
            return describe();
        }
        StringBuilder out = new StringBuilder(describe()).append(" {");
        properties.forEach((name, schema) -> out.append(name).append(schema.optional ? "?" : "").append(": ")
                .append(schema).append(", "));
        out.setLength(out.length() - 2);
        return out.append('}').toString();
    }

    // Read by the tests' SchemaCheck, which holds a real answer against its declaration.

    String type() {
        return type;
    }

    String format() {
        return format;
    }

    boolean isNullable() {
        return nullable;
    }
}
