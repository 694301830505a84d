package io.timetravel.http.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.Histogram;
import io.timetravel.service.LatencyHistogram;
import java.util.ArrayList;
import java.util.List;

/** A Prometheus histogram read as one {@link LatencyHistogram}, summed over all its label values. */
final class HistogramReading {

    private HistogramReading() {
    }

    /** The bucket bounds and the infinite one, as {@link LatencyHistogram} takes them. */
    static List<Double> bounds(double[] buckets) {
        List<Double> bounds = new ArrayList<>();
        for (double bound : buckets) {
            bounds.add(bound);
        }
        bounds.add(Double.POSITIVE_INFINITY);
        return List.copyOf(bounds);
    }

    /** The histogram called {@code name} (built with {@code bounds}) summed over every series. */
    static LatencyHistogram summed(Histogram histogram, String name, List<Double> bounds) {
        double[] cumulative = new double[bounds.size()];
        double sum = 0;
        String bucket = name + "_bucket";
        String total = name + "_sum";
        for (Collector.MetricFamilySamples family : histogram.collect()) {
            for (Collector.MetricFamilySamples.Sample sample : family.samples) {
                if (sample.name.equals(bucket)) {
                    String le = sample.labelValues.get(sample.labelNames.indexOf("le"));
                    double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                    int index = bounds.indexOf(bound);
                    if (index >= 0) {
                        cumulative[index] += sample.value;
                    }
                } else if (sample.name.equals(total)) {
                    sum += sample.value;
                }
            }
        }
        List<Double> counts = new ArrayList<>(cumulative.length);
        for (double count : cumulative) {
            counts.add(count);
        }
        return new LatencyHistogram(bounds, counts, sum);
    }
}
