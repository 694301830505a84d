package io.timetravel.http.versioning;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One version of the HTTP API: its name ({@code v2}), when it was released, its tags
 * ({@code stable}, {@code latest}, {@code deprecated}, ...) and the schema of its answers.
 */
public record ApiVersion(String name, Instant released, List<String> tags, ApiSchema schema) {

    public static final String DEPRECATED = "deprecated";

    public ApiVersion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(released, "released");
        Objects.requireNonNull(schema, "schema");
        tags = tags.stream().map(tag -> tag.toLowerCase(Locale.ROOT)).toList();
        if (!name.matches("v[0-9]+")) {
            throw new IllegalArgumentException("a version is named v1, v2, ...: " + name);
        }
    }

    public boolean deprecated() {
        return tags.contains(DEPRECATED);
    }

    /** Where its endpoints live, e.g. {@code /api/v1}. */
    public String base() {
        return "/api/" + name;
    }
}
