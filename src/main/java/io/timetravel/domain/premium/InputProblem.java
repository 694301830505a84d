package io.timetravel.domain.premium;

import java.util.Objects;

/**
 * Why an engine could not price a record: the field (a dotted path in the record) and what is
 * wrong with it.
 *
 * @param field  the record's field, as a dotted path ("risk.score")
 * @param reason "missing", or what is wrong with the value ("not a date", "out of range 0..100")
 */
public record InputProblem(String field, String reason) {

    public static final String MISSING = "missing";

    public InputProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }

    public static InputProblem missing(String field) {
        return new InputProblem(field, MISSING);
    }

    public boolean isMissing() {
        return MISSING.equals(reason);
    }

    /** {@code risk.score: missing}. */
    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
