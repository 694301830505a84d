package io.timetravel.http;

/** Told about every answered request: for the request log and for metrics. */
@FunctionalInterface
public interface RequestObserver {

    /**
     * @param route      the matched route template, or a fixed label for unmatched paths
     * @param apiVersion "v1", "v2", ... or "none"
     * @param error      the error message sent to the client, or {@code null}
     */
    void observe(String method, String path, String route, String apiVersion, int status, long nanos, String error);
}
