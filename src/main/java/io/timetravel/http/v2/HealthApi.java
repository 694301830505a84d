package io.timetravel.http.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.timetravel.http.ApiResponse;
import io.timetravel.http.Handler;
import io.timetravel.http.Route;
import io.timetravel.service.RecordStore;
import io.timetravel.service.ServiceException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Liveness and database reachability, for load balancers and operators. */
public final class HealthApi {

    /** The health answer; {@code error} is present only when something is wrong. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HealthBody(String status, String db, String version, long uptimeSeconds, String error) {
    }

    private final RecordStore store;
    private final String appVersion;
    private final Instant started = Instant.now();

    public HealthApi(RecordStore store, String appVersion) {
        this.store = store;
        this.appVersion = appVersion;
    }

    public List<Route> routes() {
        Handler handler = Handler.sync(request -> health());
        return List.of(
                Route.open("GET", "/api/v2/health", RecordsApi.VERSION, handler),
                Route.open("GET", "/health", "none", handler));
    }

    private ApiResponse health() {
        long uptime = Duration.between(started, Instant.now()).toSeconds();
        try {
            store.checkHealth();
            return ApiResponse.ok(new HealthBody("ok", "ok", appVersion, uptime, null));
        } catch (ServiceException e) {
            return ApiResponse.json(503, new HealthBody("unavailable", "unreachable", appVersion, uptime, e.getMessage()));
        }
    }
}
