package io.timetravel.http.versioning;

import io.timetravel.http.ApiException;
import io.timetravel.http.ApiGate;
import io.timetravel.http.ApiRequest;
import io.timetravel.http.ApiResponse;
import io.timetravel.http.Handler;
import io.timetravel.http.Route;
import io.timetravel.http.UserHeader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Version routing (docs/contract.md: Version routing). Builds, from the latest version's routes and the changes between
 * versions:
 * <ul>
 *   <li>each older version's endpoints at {@code /api/vN/...}, served through the
 *       {@link TransformerChain} (v1's record endpoints);</li>
 *   <li>the unversioned record endpoints {@code /api/records/...}, served by the version that
 *       {@code ?version=} or {@code X-API-Version} resolves to (the latest when neither is given),
 *       with that version's rules: its user header, its availability ({@link ApiGate}), its
 *       answers; an endpoint the version does not have is a 404 saying so;</li>
 *   <li>{@code GET /api/versions}, the registry and the differences between adjacent versions.</li>
 * </ul>
 */
public final class Timescape {

    public static final String QUERY_PARAMETER = "version";
    public static final String HEADER = "X-API-Version";
    /** The unversioned endpoints are those under this path in some version. */
    static final String UNVERSIONED_FAMILY = "/records";
    /** Route label of unversioned paths until they resolve; the answer then names the version. */
    static final String UNRESOLVED = "none";

    /** An endpoint of one version as a handler and whether it wants {@code X-User-ID}. */
    private record Served(Handler handler, boolean requiresUser) {
    }

    private final VersionRegistry registry;
    private final ApiGate gate;
    private final TransformerChain chain;
    private final Map<String, Map<Endpoint, Served>> served = new HashMap<>();

    /**
     * @param latestRoutes the latest version's routes (at {@code /api/<latest>/...})
     * @param changes      one per pair of adjacent versions, oldest first
     */
    public Timescape(VersionRegistry registry, List<VersionChange> changes, List<Route> latestRoutes, ApiGate gate) {
        this.registry = registry;
        this.gate = gate;
        ApiVersion latest = registry.latest();
        Map<Endpoint, Handler> latestHandlers = new HashMap<>();
        Map<Endpoint, Served> latestServed = new HashMap<>();
        for (Route route : latestRoutes) {
            String prefix = latest.base() + "/";
            if (!route.template().startsWith(prefix)) {
                continue;
            }
            Endpoint endpoint = new Endpoint(route.method().equals(Route.ANY_METHOD) ? Endpoint.ANY : route.method(),
                    route.template().substring(latest.base().length()));
            latestHandlers.put(endpoint, route.handler());
            latestServed.put(endpoint, new Served(route.handler(), route.requiresUser()));
        }
        this.chain = new TransformerChain(registry, changes, latestHandlers);
        served.put(latest.name(), latestServed);
        for (ApiVersion version : registry.versions()) {
            if (version.equals(latest)) {
                continue;
            }
            Map<Endpoint, Served> endpoints = new HashMap<>();
            for (EndpointSchema declared : version.schema().endpoints()) {
                chain.handler(version, declared.endpoint()).ifPresent(handler -> endpoints.put(declared.endpoint(),
                        new Served(handler, declared.requires(UserHeader.NAME))));
            }
            served.put(version.name(), endpoints);
        }
    }

    /** The older versions' chained routes, the unversioned routes and {@code GET /api/versions}. */
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        Set<Endpoint> unversioned = new LinkedHashSet<>();
        for (ApiVersion version : registry.versions()) {
            Map<Endpoint, Served> endpoints = served.get(version.name());
            boolean latest = version.equals(registry.latest());
            for (EndpointSchema declared : version.schema().endpoints()) {
                Endpoint endpoint = declared.endpoint();
                Served serving = endpoints.get(endpoint);
                if (serving == null) {
                    continue;
                }
                if (!latest) {
                    routes.add(new Route(endpoint.method(), version.base() + endpoint.path(), version.name(),
                            serving.requiresUser(), serving.handler(), Route.byMethod(endpoint.method())));
                }
                if (endpoint.path().equals(UNVERSIONED_FAMILY) || endpoint.path().startsWith(UNVERSIONED_FAMILY + "/")) {
                    unversioned.add(endpoint);
                }
            }
        }
        for (Endpoint endpoint : unversioned) {
            routes.add(new Route(endpoint.method(), "/api" + endpoint.path(), UNRESOLVED, false,
                    request -> serveUnversioned(endpoint, request), Route.byMethod(endpoint.method())));
        }
        routes.add(new VersionsApi(registry).route());
        return routes;
    }

    private CompletionStage<ApiResponse> serveUnversioned(Endpoint endpoint, ApiRequest request) {
        ApiVersion version;
        try {
            version = resolve(request);
        } catch (ApiException e) {
            return CompletableFuture.completedFuture(ApiResponse.error(e.status(), e.getMessage()));
        }
        String name = version.name();
        Served serving = served.get(name).get(endpoint);
        if (serving == null) {
            return done(ApiResponse.error(404, endpoint.method() + " /api" + endpoint.path() + " is not in API " + name
                    + versionsHaving(endpoint)), name);
        }
        ApiRequest resolved = request.withClientVersion(name);
        // The gate first, as on /api/v2: a switched-off version answers the same to everyone.
        ApiResponse refused = gate.check(name, resolved);
        if (refused == null && serving.requiresUser()) {
            refused = UserHeader.check(resolved);
        }
        if (refused != null) {
            return done(refused, name);
        }
        return TransformerChain.answer(serving.handler(), resolved).thenApply(response -> answeredBy(response, name));
    }

    private static CompletionStage<ApiResponse> done(ApiResponse response, String version) {
        return CompletableFuture.completedFuture(answeredBy(response, version));
    }

    /** Names the version that answered, for metrics and logs and, in {@code X-API-Version}, for the client. */
    private static ApiResponse answeredBy(ApiResponse response, String version) {
        return response.apiVersion(version).header(HEADER, version);
    }

    /**
     * The version a request asks for. {@code ?version=} and {@code X-API-Version} may both be
     * given only when they name the same version: a proxy's default header silently overriding a
     * client's explicit choice (or the reverse) would hide which answers a client is reading.
     */
    ApiVersion resolve(ApiRequest request) {
        Optional<String> query = request.queryParam(QUERY_PARAMETER).filter(value -> !value.isBlank());
        Optional<String> header = request.header(HEADER).filter(value -> !value.isBlank());
        if (query.isEmpty()) {
            return registry.resolve(header.orElse(null));
        }
        ApiVersion byQuery = registry.resolve(query.get());
        if (header.isPresent()) {
            ApiVersion byHeader = registry.resolve(header.get());
            if (!byHeader.equals(byQuery)) {
                throw ApiException.badRequest("?version= names " + byQuery.name() + " but " + HEADER + " names "
                        + byHeader.name() + "; give one, or the same version in both");
            }
        }
        return byQuery;
    }

    private String versionsHaving(Endpoint endpoint) {
        List<String> having = registry.versions().stream()
                .filter(version -> served.get(version.name()).containsKey(endpoint))
                .map(ApiVersion::name)
                .toList();
        return having.isEmpty() ? "" : "; use " + String.join(" or ", having);
    }
}
