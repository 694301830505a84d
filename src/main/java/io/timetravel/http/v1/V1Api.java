package io.timetravel.http.v1;

import io.timetravel.http.ApiResponse;
import io.timetravel.http.Handler;
import io.timetravel.http.Route;
import java.util.List;
import java.util.Map;

/**
 * The legacy v1 API's own words (SPEC 5.1) and its one endpoint of its own, the health check.
 * Its record endpoints are served by the v2 handlers through the v1-v2 transformers
 * ({@code http/versioning/V1V2Change}), which answer in these words.
 */
public final class V1Api {

    public static final String VERSION = "v1";
    public static final String INVALID_ID = "invalid id; id must be a positive number";
    public static final String INVALID_INPUT = "invalid input; could not parse json";

    /** v1's refusal to read a record that does not exist (a 400, not a 404). */
    public static String missingRecord(long id) {
        return "record of id " + id + " does not exist";
    }

    public List<Route> routes() {
        return List.of(Route.open(Route.ANY_METHOD, "/api/v1/health", VERSION,
                Handler.sync(request -> ApiResponse.ok(Map.of("ok", true)))));
    }
}
