package io.timetravel.http;

import java.util.Set;

/**
 * How requests the router cannot serve are answered under some paths: 404 when no route has the
 * path, 405 when none takes the method. The listener's own answers are JSON ({@link #JSON}); an
 * older API may keep the words of the router that first served it (v1: decision 0020).
 */
public interface Unrouted {

    /** {@code {"error":"not found"}} and {@code {"error":"method not allowed"}} with {@code Allow}. */
    Unrouted JSON = new Unrouted() {
        @Override
        public boolean covers(String path) {
            return true;
        }

        @Override
        public ApiResponse notFound() {
            return ApiResponse.error(404, "not found");
        }

        @Override
        public ApiResponse methodNotAllowed(Set<String> allowed) {
            return ApiResponse.error(405, "method not allowed").header("Allow", String.join(", ", allowed));
        }
    };

    /** Whether these answers are the ones for {@code path} (decoded). */
    boolean covers(String path);

    /** Whether {@code path} may match a route at all; when not, it is a 404 whatever the routes say. */
    default boolean routable(String path) {
        return true;
    }

    ApiResponse notFound();

    /** @param allowed the methods the path takes */
    ApiResponse methodNotAllowed(Set<String> allowed);
}
