package io.timetravel.domain.premium;

import io.timetravel.domain.Instants;
import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonBoolean;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A premium quoted and kept as evidence: which record version, which facts as known when, which
 * engine at which version and why that one, the flags and API version in force, who asked, and
 * the answer with its breakdown. Its {@link #json()} is what the ledger stores and hashes (the
 * {@code premium.decided} event), so verifying the chain covers every decision.
 *
 * @param id            the decision's id (its ledger event's id); 0 before it is stored
 * @param validAt       the valid instant priced
 * @param knownAt       the facts as known at this instant
 * @param decidedAt     the transaction time the decision was recorded at
 * @param choice        why this engine: {@code requested}, or {@code flag:on} / {@code flag:off}
 *                      (the {@code new_risk_engine} flag for the caller and the record's region)
 * @param flags         every flag's value for the caller and the record's region, when decided
 */
public record Decision(long id, long recordId, long recordVersion, Instant validAt, Instant knownAt, Instant decidedAt,
                       String choice, Map<String, Boolean> flags, String apiVersion, long actor, boolean actorVerified,
                       Quote quote) {

    public Decision {
        Objects.requireNonNull(validAt, "validAt");
        Objects.requireNonNull(knownAt, "knownAt");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(quote, "quote");
        flags = java.util.Collections.unmodifiableMap(new TreeMap<>(flags));
    }

    public Decision withId(long newId) {
        return new Decision(newId, recordId, recordVersion, validAt, knownAt, decidedAt, choice, flags, apiVersion, actor,
                actorVerified, quote);
    }

    /** The same decision with its quote as someone is shown it ({@link Quote#shown}). */
    public Decision withQuote(Quote shown) {
        return new Decision(id, recordId, recordVersion, validAt, knownAt, decidedAt, choice, flags, apiVersion, actor,
                actorVerified, shown);
    }

    public String engine() {
        return quote.engine();
    }

    public int engineVersion() {
        return quote.engineVersion();
    }

    /** The stored form: everything but the id, which the ledger gives. */
    public JsonObject json() {
        JsonObject.Builder flagValues = JsonObject.builder();
        flags.forEach((key, on) -> flagValues.put(key, on));
        List<JsonValue> factors = new ArrayList<>();
        quote.factors().forEach(factor -> factors.add(factor.json()));
        return JsonObject.builder()
                .put("record_id", recordId)
                .put("record_version", recordVersion)
                .put("valid_at", Instants.format(validAt))
                .put("known_at", Instants.format(knownAt))
                .put("decided_at", Instants.format(decidedAt))
                .put("engine", quote.engine())
                .put("engine_version", quote.engineVersion())
                .put("engine_choice", choice)
                .put("flags", flagValues.build())
                .put("api_version", apiVersion)
                .put("actor", actor)
                .put("actor_verified", actorVerified)
                .put("inputs", quote.inputsJson())
                .put("inputs_sha256", quote.inputsSha256())
                .put("premium", JsonNumber.of(quote.premium()))
                .put("currency", quote.currency())
                .put("factors", JsonArray.of(factors))
                .build();
    }

    /** The decision stored as {@code json} under {@code id}. */
    public static Decision fromJson(long id, JsonObject json) {
        Map<String, Boolean> flags = new TreeMap<>();
        object(json, "flags").members().forEach((key, value) -> flags.put(key, value == JsonBoolean.TRUE));
        Map<String, String> inputs = new TreeMap<>();
        object(json, "inputs").members().forEach((key, value) -> inputs.put(key, ((JsonString) value).value()));
        List<Factor> factors = new ArrayList<>();
        for (JsonValue factor : ((JsonArray) json.getOrNull("factors")).elements()) {
            factors.add(Factor.fromJson((JsonObject) factor));
        }
        Quote quote = new Quote(text(json, "engine"), (int) number(json, "engine_version"),
                ((JsonNumber) json.getOrNull("premium")).value(), text(json, "currency"), factors, inputs,
                text(json, "inputs_sha256"));
        return new Decision(id, number(json, "record_id"), number(json, "record_version"),
                Instants.parseStored(text(json, "valid_at")), Instants.parseStored(text(json, "known_at")),
                Instants.parseStored(text(json, "decided_at")), text(json, "engine_choice"), flags,
                text(json, "api_version"), number(json, "actor"), json.getOrNull("actor_verified") == JsonBoolean.TRUE,
                quote);
    }

    private static JsonObject object(JsonObject json, String key) {
        return (JsonObject) json.getOrNull(key);
    }

    private static String text(JsonObject json, String key) {
        return ((JsonString) json.getOrNull(key)).value();
    }

    private static long number(JsonObject json, String key) {
        return ((JsonNumber) json.getOrNull(key)).value().longValueExact();
    }
}
