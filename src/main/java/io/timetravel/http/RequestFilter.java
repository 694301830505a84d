package io.timetravel.http;

/** A check that may answer a routed request before its handler runs (e.g. a disabled API). */
@FunctionalInterface
public interface RequestFilter {

    /** The response that ends the request here, or {@code null} to go on. */
    ApiResponse check(Route route, ApiRequest request);
}
