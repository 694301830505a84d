package io.timetravel.http;

/**
 * Adds to every answer what depends only on the API version that gave it (e.g. the deprecation
 * headers of an old version), including answers the router and dispatcher give themselves
 * (404, 405, 413), which no handler sees.
 */
@FunctionalInterface
public interface ResponseDecorator {

    /**
     * @param path       the request's path (decoded when it could be, else as sent)
     * @param apiVersion the version that answered: the handler's {@link ApiResponse#apiVersion()},
     *                   else the route's; "none" when no route matched
     * @return the response to send, usually {@code response} with headers added
     */
    ApiResponse decorate(String path, String apiVersion, ApiResponse response);

    static ResponseDecorator none() {
        return (path, apiVersion, response) -> response;
    }
}
