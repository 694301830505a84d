package io.timetravel.http.versioning;

import java.util.Objects;

/**
 * One endpoint of an API version: a method ({@link #ANY} for every method) and a path template
 * relative to the version's base, e.g. {@code GET /records/{id}} for {@code /api/v2/records/{id}}.
 */
public record Endpoint(String method, String path) {

    public static final String ANY = "ANY";

    public Endpoint {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
