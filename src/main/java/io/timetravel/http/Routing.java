package io.timetravel.http;

import java.util.List;

/**
 * Finds the route for a request's method and decoded path, or the answer when there is none:
 * 404 or 405 in the words of the {@link Unrouted} covering the path (JSON where none does).
 */
final class Routing {

    private final Router router;
    private final List<Unrouted> unrouted;

    Routing(Router router, List<Unrouted> unrouted) {
        this.router = router;
        this.unrouted = List.copyOf(unrouted);
    }

    /** The route found, or the refusal that answers instead; either way the log's route and version. */
    record Outcome(Router.Found found, ApiResponse refusal) {
    }

    /** Routes {@code call}, naming on it the route template and API version the log and metrics show. */
    Outcome route(Call call) {
        Unrouted answers = unroutedFor(call.path);
        Router.Result result = answers.routable(call.path) ? router.route(call.method, call.path) : new Router.NotFound();
        if (result instanceof Router.NotFound) {
            return new Outcome(null, answers.notFound());
        }
        if (result instanceof Router.MethodNotAllowed notAllowed) {
            call.route = notAllowed.template();
            call.apiVersion = versionOf(notAllowed.template());
            return new Outcome(null, answers.methodNotAllowed(notAllowed.allowed()));
        }
        Router.Found found = (Router.Found) result;
        call.route = found.route().template();
        call.apiVersion = found.route().apiVersion();
        return new Outcome(found, null);
    }

    private Unrouted unroutedFor(String path) {
        for (Unrouted answers : unrouted) {
            if (answers.covers(path)) {
                return answers;
            }
        }
        return Unrouted.JSON;
    }

    private static String versionOf(String template) {
        if (template.startsWith("/api/v1/")) {
            return "v1";
        }
        return template.startsWith("/api/v2/") ? "v2" : "none";
    }
}
