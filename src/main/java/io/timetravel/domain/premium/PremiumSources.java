package io.timetravel.domain.premium;

import java.util.List;
import java.util.Map;

/**
 * The record fields each input and each factor of a quote is read from, so that a caller who
 * sees a field masked sees what was derived from it masked too (an age is the date of birth
 * seen from an instant).
 */
public final class PremiumSources {

    private static final Map<String, List<String>> INPUTS = Map.of(
            "age", List.of("date_of_birth"),
            "occupation_class", List.of("occupation", "occupation_class"));
    private static final Map<String, List<String>> FACTORS = Map.of(
            "base", List.of("sum_insured", "date_of_birth"),
            "age", List.of("date_of_birth"),
            "occupation", List.of("occupation", "occupation_class"),
            "risk class", List.of("risk.class"),
            "risk score", List.of("risk.score"),
            "product", List.of("policy.product"),
            "policy fee", List.of());

    private PremiumSources() {
    }

    /** The fields an input of {@link Quote#inputs()} comes from; an input named after a field comes from it. */
    public static List<String> ofInput(String input) {
        return INPUTS.getOrDefault(input, List.of(input));
    }

    /** The fields a factor's input comes from; a factor named after a field comes from it. */
    public static List<String> ofFactor(String factor) {
        return FACTORS.getOrDefault(factor, List.of(factor));
    }
}
