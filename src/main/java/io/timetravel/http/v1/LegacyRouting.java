package io.timetravel.http.v1;

import io.timetravel.http.ApiResponse;
import io.timetravel.http.Unrouted;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * What the legacy service answered on v1 paths it could not route, kept byte for byte (issue 10,
 * decision 0020). It served v1 with gorilla/mux 1.8 on Go's net/http: an unknown path is
 * {@code http.NotFound} (404, {@code 404 page not found\n} as plain text, {@code nosniff}), a
 * known path with another method is mux's own 405 with an empty body, and a path variable
 * ({@code {id}}) never matches an empty segment, so {@code /api/v1/records/} is an unknown path.
 */
public final class LegacyRouting implements Unrouted {

    public static final String NOT_FOUND_BODY = "404 page not found\n";
    public static final String NOT_FOUND_TYPE = "text/plain; charset=utf-8";

    private static final String BASE = "/api/" + V1Api.VERSION;

    @Override
    public boolean covers(String path) {
        return path.equals(BASE) || path.startsWith(BASE + "/");
    }

    /** No v1 route has an empty segment of its own, so one in the path could only be an empty {@code {id}}. */
    @Override
    public boolean routable(String path) {
        return path.indexOf("//") < 0 && !path.endsWith("/");
    }

    @Override
    public ApiResponse notFound() {
        return ApiResponse.error(404, "not found", NOT_FOUND_BODY.getBytes(StandardCharsets.UTF_8), NOT_FOUND_TYPE)
                .header("X-Content-Type-Options", "nosniff");
    }

    /** mux's 405 says nothing; the {@code Allow} that HTTP requires is added all the same. */
    @Override
    public ApiResponse methodNotAllowed(Set<String> allowed) {
        return ApiResponse.error(405, "method not allowed", new byte[0], null).header("Allow", String.join(", ", allowed));
    }
}
