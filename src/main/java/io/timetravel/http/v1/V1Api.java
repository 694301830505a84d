package io.timetravel.http.v1;

import io.timetravel.domain.Ids;
import io.timetravel.http.ApiResponse;
import io.timetravel.http.Handler;
import io.timetravel.http.Route;
import java.util.List;
import java.util.Map;

/**
 * The legacy v1 API's own words (docs/contract.md: v1) and its one endpoint of its own, the health check.
 * Its record endpoints are served by the v2 handlers through the v1-v2 transformers
 * ({@code http/versioning/V1V2Change}), which answer in these words.
 */
public final class V1Api {

    public static final String VERSION = "v1";
    public static final String INVALID_ID = "invalid id; id must be a positive number";
    public static final String INVALID_INPUT = "invalid input; could not parse json";

    /**
     * The record id in a v1 path, read as the legacy service read it (Go's
     * {@code strconv.ParseInt(text, 10, 32)}, then positive): ASCII digits with an optional sign,
     * so {@code +1} and {@code 007} are records 1 and 7; -1 when it is no positive 32-bit id.
     */
    public static int parseId(String text) {
        String digits = text.startsWith("+") ? text.substring(1) : text;
        int first = 0;
        while (first < digits.length() - 1 && digits.charAt(first) == '0') {
            first++;
        }
        // Leading zeros say nothing; what is left must be a positive int (Ids refuses a sign and non-digits).
        return Ids.parsePositiveInt(digits.substring(first));
    }

    /** v1's refusal to read a record that does not exist (a 400, not a 404). */
    public static String missingRecord(long id) {
        return "record of id " + id + " does not exist";
    }

    public List<Route> routes() {
        return List.of(Route.open(Route.ANY_METHOD, "/api/v1/health", VERSION,
                Handler.sync(request -> ApiResponse.ok(Map.of("ok", true)))));
    }
}
