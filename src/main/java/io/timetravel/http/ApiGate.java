package io.timetravel.http;

/**
 * Whether an API version is available to a request (the v2 rollout flag). Consulted for every
 * request routed to a versioned handler, including unversioned paths once they resolve to a
 * version, so a disabled version answers the same way whichever path reached it.
 */
@FunctionalInterface
public interface ApiGate {

    /** The response that refuses the request, or {@code null} when the version is available to it. */
    ApiResponse check(String apiVersion, ApiRequest request);

    /** Every version available to everyone. */
    static ApiGate open() {
        return (apiVersion, request) -> null;
    }
}
