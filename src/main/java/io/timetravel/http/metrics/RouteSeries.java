package io.timetravel.http.metrics;

import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The request series of one route template, kept at hand: its request counters by method, status
 * and API version and its duration histograms by method. Finding them here costs a few reads
 * where the client's own lookup hashes and compares label lists (and allocates) twice per request.
 */
final class RouteSeries {

    /** The method labels; a request's method is an index into this array (see {@link Metrics#methodIndex}). */
    static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", Metrics.OTHER_METHOD};

    /** One request counter of a method: its status and API version, and the counter. */
    private record Count(int status, String apiVersion, Counter.Child child) {
    }

    private static final Count[] NONE = new Count[0];

    private final String route;
    private final Counter requests;
    private final Histogram durations;
    private final AtomicReferenceArray<Histogram.Child> durationByMethod = new AtomicReferenceArray<>(METHODS.length);
    /** Per method, the counters seen so far; replaced, never changed, when one is added. */
    private final AtomicReferenceArray<Count[]> countsByMethod = new AtomicReferenceArray<>(METHODS.length);

    RouteSeries(String route, Counter requests, Histogram durations) {
        this.route = route;
        this.requests = requests;
        this.durations = durations;
        for (int i = 0; i < METHODS.length; i++) {
            countsByMethod.set(i, NONE);
        }
    }

    void observe(int method, int status, String apiVersion, double seconds) {
        counter(method, status, apiVersion).inc();
        Histogram.Child duration = durationByMethod.get(method);
        if (duration == null) {
            // Racing threads get the same child from the client; either may store it.
            duration = durations.labels(METHODS[method], route);
            durationByMethod.set(method, duration);
        }
        duration.observe(seconds);
    }

    private Counter.Child counter(int method, int status, String apiVersion) {
        for (Count count : countsByMethod.get(method)) {
            if (count.status() == status && count.apiVersion().equals(apiVersion)) {
                return count.child();
            }
        }
        return add(method, status, apiVersion);
    }

    private synchronized Counter.Child add(int method, int status, String apiVersion) {
        Count[] counts = countsByMethod.get(method);
        for (Count count : counts) {
            if (count.status() == status && count.apiVersion().equals(apiVersion)) {
                return count.child();
            }
        }
        Counter.Child child = requests.labels(METHODS[method], route, Integer.toString(status), apiVersion);
        Count[] more = Arrays.copyOf(counts, counts.length + 1);
        more[counts.length] = new Count(status, apiVersion, child);
        countsByMethod.set(method, more);
        return child;
    }
}
