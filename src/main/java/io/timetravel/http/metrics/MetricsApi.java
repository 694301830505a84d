package io.timetravel.http.metrics;

import io.timetravel.domain.access.Permission;
import io.timetravel.http.ApiResponse;
import io.timetravel.http.Handler;
import io.timetravel.http.Route;
import java.util.List;

/**
 * {@code GET /metrics}: the registry in the Prometheus text format, on the API's own port and
 * router (so scrapes are logged and counted like any request), without {@code X-User-ID}.
 */
public final class MetricsApi {

    public static final String PATH = "/metrics";

    private final Metrics metrics;

    public MetricsApi(Metrics metrics) {
        this.metrics = metrics;
    }

    public List<Route> routes() {
        return List.of(new Route("GET", PATH, "none", false,
                Handler.sync(request -> ApiResponse.bytes(200, metrics.scrape(), Metrics.contentType())), Permission.METRICS));
    }
}
