package io.timetravel.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Finds the route for a method and path, telling "no such path" (404) from "wrong method" (405). */
public final class Router {

    /** The outcome of routing a request. */
    public sealed interface Result permits Found, MethodNotAllowed, NotFound {
    }

    /** A route matched; {@code variables} holds the template's values. */
    public record Found(Route route, Map<String, String> variables) implements Result {
    }

    /** The path is known but not for this method; {@code allowed} lists the methods it takes. */
    public record MethodNotAllowed(String template, Set<String> allowed) implements Result {
    }

    /** No route has this path. */
    public record NotFound() implements Result {
    }

    private record Entry(Route route, List<String> segments) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public Router add(Route route) {
        for (Entry existing : entries) {
            if (existing.route().template().equals(route.template()) && existing.route().method().equals(route.method())) {
                throw new IllegalArgumentException("duplicate route " + route.method() + " " + route.template());
            }
        }
        entries.add(new Entry(route, PathTemplates.split(route.template())));
        return this;
    }

    public List<Route> routes() {
        return entries.stream().map(Entry::route).toList();
    }

    public Result route(String method, String path) {
        List<String> segments = PathTemplates.split(path);
        String lookup = "HEAD".equals(method) ? "GET" : method;
        Set<String> allowed = null;
        String template = null;
        for (Entry entry : entries) {
            Route route = entry.route();
            Map<String, String> variables = PathTemplates.match(entry.segments(), segments);
            if (variables == null) {
                continue;
            }
            if (route.method().equals(Route.ANY_METHOD) || route.method().equals(lookup) || route.method().equals(method)) {
                return new Found(route, variables);
            }
            if (allowed == null) {
                allowed = new TreeSet<>();
                template = route.template();
            }
            allowed.add(route.method());
        }
        return allowed == null ? new NotFound() : new MethodNotAllowed(template, allowed);
    }
}
