package io.timetravel.http.versioning;

import io.timetravel.domain.Instants;
import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonBoolean;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds a real answer against the schema its endpoint declares: the tests' way to show that
 * {@code /api/versions} describes what the server sends. Only tests need it, so it lives with them.
 */
public final class SchemaCheck {

    private static final BigDecimal INT32_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal INT32_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT64_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal INT64_MIN = BigDecimal.valueOf(Long.MIN_VALUE);

    private static final java.util.Set<String> KNOWN_TYPES = java.util.Set.of("any", "string", "integer", "number", "boolean",
            "array", "object");

    private SchemaCheck() {
    }

    /** Where {@code value} departs from {@code schema}, one line per problem; empty when it matches. */
    public static List<String> problems(Schema schema, JsonValue value) {
        List<String> problems = new ArrayList<>();
        check(schema, value, "body", problems);
        return problems;
    }

    private static void check(Schema schema, JsonValue value, String where, List<String> problems) {
        String type = schema.type();
        if (value.isNull()) {
            if (!schema.isNullable() && !type.equals("any")) {
                problems.add(where + " is null, expected " + schema.describe());
            }
            return;
        }
        boolean fits = switch (type) {
            case "any" -> true;
            case "string" -> value instanceof JsonString;
            case "integer" -> value instanceof JsonNumber number && fits(schema, number.value());
            case "number" -> value instanceof JsonNumber;
            case "boolean" -> value instanceof JsonBoolean;
            case "array" -> value instanceof JsonArray;
            case "object" -> value instanceof JsonObject;
            default -> false;
        };
        if (!KNOWN_TYPES.contains(type)) {
            problems.add(where + " is JSON, expected " + type);
        } else if (!fits) {
            String found = type.equals("integer") ? value.toJson() : value.typeName();
            problems.add(where + " is " + found + ", expected " + schema.describe());
        } else if (value instanceof JsonString text && "date-time".equals(schema.format()) && !isInstant(text.value())) {
            problems.add(where + " is not an instant: " + text.value());
        } else if (value instanceof JsonArray array && type.equals("array")) {
            for (int i = 0; i < array.size(); i++) {
                check(schema.elements(), array.elements().get(i), where + "[" + i + "]", problems);
            }
        } else if (value instanceof JsonObject object && type.equals("object")) {
            checkMembers(schema, object, where, problems);
        }
    }

    private static void checkMembers(Schema schema, JsonObject object, String where, List<String> problems) {
        if (schema.elements() != null) {
            object.members().forEach((name, member) -> check(schema.elements(), member, where + "." + name, problems));
            return;
        }
        schema.properties().forEach((name, property) -> {
            JsonValue member = object.getOrNull(name);
            if (member == null) {
                if (!property.isOptional()) {
                    problems.add(where + "." + name + " is missing");
                }
            } else {
                check(property, member, where + "." + name, problems);
            }
        });
        for (String name : object.members().keySet()) {
            if (!schema.properties().containsKey(name)) {
                problems.add(where + "." + name + " is not declared");
            }
        }
    }

    private static boolean fits(Schema schema, BigDecimal number) {
        if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
            return false;
        }
        return "int32".equals(schema.format())
                ? number.compareTo(INT32_MIN) >= 0 && number.compareTo(INT32_MAX) <= 0
                : number.compareTo(INT64_MIN) >= 0 && number.compareTo(INT64_MAX) <= 0;
    }

    private static boolean isInstant(String text) {
        try {
            Instants.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
