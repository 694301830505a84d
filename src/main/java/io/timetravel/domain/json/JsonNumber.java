package io.timetravel.domain.json;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A JSON number, kept exactly as written (no binary floating point rounding).
 *
 * <p>Two numbers are equal when they have the same numeric value, so {@code 1.50} and
 * {@code 1.5} are the same fact and rewriting one as the other creates no version.
 */
public final class JsonNumber implements JsonValue {

    private final BigDecimal value;

    private JsonNumber(BigDecimal value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static JsonNumber of(BigDecimal value) {
        return new JsonNumber(value);
    }

    public static JsonNumber of(long value) {
        return new JsonNumber(BigDecimal.valueOf(value));
    }

    public static JsonNumber of(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON has no " + value);
        }
        return new JsonNumber(BigDecimal.valueOf(value));
    }

    public BigDecimal value() {
        return value;
    }

    @Override
    public String typeName() {
        return "number";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonNumber number && value.compareTo(number.value) == 0;
    }

    @Override
    public int hashCode() {
        return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
