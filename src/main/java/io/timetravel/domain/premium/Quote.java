package io.timetravel.domain.premium;

import io.timetravel.domain.HashChain;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * An engine's answer for one record at one instant.
 *
 * @param premium      the yearly premium, rounded half-even to cents
 * @param currency     the book's currency (ISO 4217)
 * @param factors      the breakdown, in the order applied
 * @param inputs       each input the engine read, by name, as it saw it
 * @param inputsSha256 SHA-256 of the inputs' canonical JSON ({@link #of} computes it); a decision
 *                     keeps it as it was stored
 */
public record Quote(String engine, int engineVersion, BigDecimal premium, String currency, List<Factor> factors,
                    Map<String, String> inputs, String inputsSha256) {

    public Quote {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(premium, "premium");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(inputsSha256, "inputsSha256");
        factors = List.copyOf(factors);
        inputs = java.util.Collections.unmodifiableMap(new TreeMap<>(inputs));
    }

    /** A quote from these inputs, with their digest. */
    public static Quote of(String engine, int engineVersion, BigDecimal premium, String currency, List<Factor> factors,
                           Map<String, String> inputs) {
        return new Quote(engine, engineVersion, premium, currency, factors, inputs, HashChain.sha256Hex(json(inputs).toJson()));
    }

    /** The inputs as a JSON object (sorted keys, so its text is canonical). */
    public JsonObject inputsJson() {
        return json(inputs);
    }

    private static JsonObject json(Map<String, String> inputs) {
        JsonObject.Builder builder = JsonObject.builder();
        inputs.forEach((name, value) -> builder.put(name, JsonString.of(value)));
        return builder.build();
    }

    /**
     * The same quote as someone who may not see every input is shown it: {@code input} rewrites
     * each input's value (name, value), {@code factorInput} each factor's input (factor name,
     * input), and {@code digest} the inputs' digest once any input was rewritten.
     */
    public Quote shown(BinaryOperator<String> input, BinaryOperator<String> factorInput, UnaryOperator<String> digest) {
        Map<String, String> shownInputs = new TreeMap<>();
        inputs.forEach((name, value) -> shownInputs.put(name, input.apply(name, value)));
        List<Factor> shownFactors = factors.stream()
                .map(f -> new Factor(f.name(), factorInput.apply(f.name(), f.input()), f.kind(), f.value()))
                .toList();
        String shownDigest = shownInputs.equals(inputs) ? inputsSha256 : digest.apply(inputsSha256);
        return new Quote(engine, engineVersion, premium, currency, shownFactors, shownInputs, shownDigest);
    }
}
