package io.timetravel.domain.premium;

import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonValue;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One step of a premium's calculation, in the order the engine applied it: a base amount, a
 * multiplier, or a fee added at the end. Together the factors of a quote are its breakdown.
 *
 * @param name  what the step is ("base", "smoker", "region", ...)
 * @param input the input it was read from, as the engine saw it ("42", "true", "EU")
 * @param kind  how it acts on the premium
 * @param value the amount, or the multiplier
 */
public record Factor(String name, String input, Kind kind, BigDecimal value) {

    /** How a factor acts on the premium. */
    public enum Kind {
        /** The amount the multipliers apply to. */
        AMOUNT,
        /** Multiplies the amount so far. */
        MULTIPLIER,
        /** Added after every multiplier. */
        FEE;

        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Kind fromText(String text) {
            return valueOf(text.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public Factor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    public static Factor amount(String name, String input, BigDecimal value) {
        return new Factor(name, input, Kind.AMOUNT, value);
    }

    public static Factor multiplier(String name, String input, BigDecimal value) {
        return new Factor(name, input, Kind.MULTIPLIER, value);
    }

    public static Factor fee(String name, String input, BigDecimal value) {
        return new Factor(name, input, Kind.FEE, value);
    }

    /** {@code {"name":…,"input":…,"kind":…,"value":…}}. */
    public JsonObject json() {
        return JsonObject.builder()
                .put("name", name)
                .put("input", input)
                .put("kind", kind.text())
                .put("value", JsonNumber.of(value))
                .build();
    }

    /** The factor a {@link #json()} object describes. */
    public static Factor fromJson(JsonObject json) {
        return new Factor(text(json, "name"), text(json, "input"), Kind.fromText(text(json, "kind")),
                ((JsonNumber) json.getOrNull("value")).value());
    }

    private static String text(JsonObject json, String key) {
        JsonValue value = json.getOrNull(key);
        if (value instanceof JsonString string) {
            return string.value();
        }
        throw new IllegalArgumentException("factor member " + key + " is not a string");
    }
}
