package io.timetravel.http;

import io.timetravel.domain.access.Permission;
import java.util.Objects;

/**
 * One endpoint: a method (or {@link #ANY_METHOD}), a path template such as
 * {@code /api/v2/records/{id}}, the API version it belongs to, and its handler.
 *
 * @param requiresUser whether the request must name its user in {@code X-User-ID} when the listener
 *                     runs without authentication
 * @param permission   what the caller must be allowed to do; {@code null} for the few public
 *                     routes (health), which need no identity at all
 */
public record Route(String method, String template, String apiVersion, boolean requiresUser, Handler handler,
                    Permission permission) {

    public static final String ANY_METHOD = "*";

    /** A public route: no identity, no role (health checks). */
    public static Route open(String method, String template, String apiVersion, Handler handler) {
        return new Route(method, template, apiVersion, false, handler, null);
    }

    /** A route for v2 clients: names its user (without authentication) and needs {@code permission}. */
    public static Route v2(String method, String template, Handler handler, Permission permission) {
        return new Route(method, template, "v2", true, handler, Objects.requireNonNull(permission, "permission"));
    }

    /** The permission a request needs by its method alone: reading for GET and HEAD, writing otherwise. */
    public static Permission byMethod(String method) {
        return "GET".equals(method) || "HEAD".equals(method) ? Permission.READ : Permission.WRITE;
    }

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
