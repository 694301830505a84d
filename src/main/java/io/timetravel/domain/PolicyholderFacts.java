package io.timetravel.domain;

import io.timetravel.domain.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The facts about a policyholder that listings and flag rules need, read from the record's data.
 *
 * <p>Records are free-form JSON; by convention the name is in {@code name} (or {@code full_name},
 * or {@code first_name} and {@code last_name}) and the region in {@code region}.
 */
public final class PolicyholderFacts {

    private static final int MAX_LENGTH = 200;
    /** The fields a listing's name is read from: personal when any of them is. */
    public static final List<String> NAME_FIELDS = List.of("name", "full_name", "first_name", "last_name");
    /** The fields a listing's region is read from. */
    public static final List<String> REGION_FIELDS = List.of("region");

    private PolicyholderFacts() {
    }

    public static Optional<String> name(JsonObject data) {
        Optional<String> name = nonBlank(data.getString("name")).or(() -> nonBlank(data.getString("full_name")));
        if (name.isEmpty()) {
            String first = data.getString("first_name").orElse("");
            String last = data.getString("last_name").orElse("");
            String joined = (first + " " + last).strip();
            name = joined.isEmpty() ? Optional.empty() : Optional.of(joined);
        }
        return name.map(PolicyholderFacts::clip);
    }

    public static Optional<String> region(JsonObject data) {
        return data.getString("region").map(String::strip).filter(r -> !r.isEmpty()).map(PolicyholderFacts::clip);
    }

    private static Optional<String> nonBlank(Optional<String> text) {
        return text.map(String::strip).filter(t -> !t.isEmpty());
    }

    private static String clip(String value) {
        if (value.length() <= MAX_LENGTH) {
            return value;
        }
        // Never cut between the two halves of a surrogate pair: half a character is not text.
        int end = Character.isHighSurrogate(value.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
        return value.substring(0, end);
    }
}
