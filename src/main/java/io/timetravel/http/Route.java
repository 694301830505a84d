package io.timetravel.http;

import java.util.Objects;

/**
 * One endpoint: a method (or {@link #ANY_METHOD}), a path template such as
 * {@code /api/v2/records/{id}}, the API version it belongs to, and its handler.
 *
 * @param requiresUser whether the request must name its user in {@code X-User-ID}
 */
public record Route(String method, String template, String apiVersion, boolean requiresUser, Handler handler) {

    public static final String ANY_METHOD = "*";

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(handler, "handler");
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("template must start with '/': " + template);
        }
    }
}
