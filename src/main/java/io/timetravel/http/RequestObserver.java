package io.timetravel.http;

import java.util.List;

/** Told about every answered request: for the request log and for metrics. */
@FunctionalInterface
public interface RequestObserver {

    /**
     * @param route      the matched route template, or a fixed label for unmatched paths
     * @param apiVersion "v1", "v2", ... or "none"
     * @param error      the error message sent to the client, or {@code null}
     */
    void observe(String method, String path, String route, String apiVersion, int status, long nanos, String error);

    /**
     * One observer that tells each of {@code observers} in turn; one that throws is logged and does
     * not keep the request from the others.
     */
    static RequestObserver all(List<RequestObserver> observers) {
        RequestObserver[] each = observers.toArray(RequestObserver[]::new);
        return (method, path, route, apiVersion, status, nanos, error) -> {
            for (RequestObserver observer : each) {
                try {
                    observer.observe(method, path, route, apiVersion, status, nanos, error);
                } catch (RuntimeException e) {
                    System.getLogger(RequestObserver.class.getName()).log(System.Logger.Level.ERROR,
                            "request observer failed: " + e, e);
                }
            }
        };
    }
}
