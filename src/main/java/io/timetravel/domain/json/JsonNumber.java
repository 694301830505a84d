package io.timetravel.domain.json;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A JSON number, kept exactly as written (no binary floating point rounding).
 *
 * <p>Two numbers are equal when they have the same numeric value, so {@code 1.50} and
 * {@code 1.5} are the same fact and rewriting one as the other creates no version.
 *
 * <p>An integer written without a fraction or an exponent, of at most 18 digits (what most
 * stored numbers are), is kept as a {@code long}: 24 bytes of heap for the number, against 56 for
 * a {@code BigDecimal} beside it, in every version a timeline keeps (docs/decisions/0041).
 */
public final class JsonNumber implements JsonValue {

    /** Digits of any integer a {@code long} holds. */
    private static final int LONG_DIGITS = 18;

    /** The value when {@link #decimal} is {@code null}. */
    private final long integer;
    /** The value, unless it is an integer of scale 0 kept in {@link #integer}. */
    private final BigDecimal decimal;

    private JsonNumber(long integer, BigDecimal decimal) {
        this.integer = integer;
        this.decimal = decimal;
    }

    public static JsonNumber of(BigDecimal value) {
        Objects.requireNonNull(value, "value");
        return value.scale() == 0 && value.precision() <= LONG_DIGITS ? new JsonNumber(value.longValue(), null)
                : new JsonNumber(0, value);
    }

    public static JsonNumber of(long value) {
        return new JsonNumber(value, null);
    }

    public static JsonNumber of(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON has no " + value);
        }
        return of(BigDecimal.valueOf(value));
    }

    /** The value, with the scale it was written with. */
    public BigDecimal value() {
        return decimal == null ? BigDecimal.valueOf(integer) : decimal;
    }

    /** Whether the value is kept as a {@code long} ({@link #longValue()}); else it is {@link #value()}'s only. */
    boolean isLong() {
        return decimal == null;
    }

    /** The value, when {@link #isLong()}. */
    long longValue() {
        return integer;
    }

    @Override
    public String typeName() {
        return "number";
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof JsonNumber number)) {
            return false;
        }
        if (decimal == null && number.decimal == null) {
            return integer == number.integer;
        }
        return value().compareTo(number.value()) == 0;
    }

    @Override
    public int hashCode() {
        BigDecimal value = value();
        return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
        return decimal == null ? Long.toString(integer) : decimal.toString();
    }
}
