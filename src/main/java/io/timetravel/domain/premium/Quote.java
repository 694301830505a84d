package io.timetravel.domain.premium;

import io.timetravel.domain.HashChain;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An engine's answer for one record at one instant.
 *
 * @param premium  the yearly premium, rounded half-even to cents
 * @param currency the book's currency (ISO 4217)
 * @param factors  the breakdown, in the order applied
 * @param inputs   each input the engine read, by name, as it saw it
 */
public record Quote(String engine, int engineVersion, BigDecimal premium, String currency, List<Factor> factors,
                    Map<String, String> inputs) {

    public Quote {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(premium, "premium");
        Objects.requireNonNull(currency, "currency");
        factors = List.copyOf(factors);
        inputs = java.util.Collections.unmodifiableMap(new TreeMap<>(inputs));
    }

    /** The inputs as a JSON object (sorted keys, so its text is canonical). */
    public JsonObject inputsJson() {
        JsonObject.Builder builder = JsonObject.builder();
        inputs.forEach((name, value) -> builder.put(name, JsonString.of(value)));
        return builder.build();
    }

    /** SHA-256 of the inputs' canonical JSON: two quotes from the same facts have the same one. */
    public String inputsSha256() {
        return HashChain.sha256Hex(inputsJson().toJson());
    }
}
