package io.timetravel.domain.premium;

import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * What a recalculation found, added up record by record in memory that does not grow with the
 * book: per engine the count, total, least, greatest and percentiles of the premiums (from a
 * histogram of 2% wide buckets, so a percentile is within 2% of the exact one) and the records it
 * could not price, by field; between the first engine and each other one, how many records differ
 * by more than the threshold and the {@link #MAX_LISTED} that differ most.
 */
public final class RecalculationTally {

    /** The most differing records a result lists per pair of engines. */
    public static final int MAX_LISTED = 100;
    private static final double BUCKET_GROWTH = 1.02;
    private static final double LOG_GROWTH = Math.log(BUCKET_GROWTH);
    private static final int BUCKETS = 1_200;
    private static final double[] PERCENTILES = {0.10, 0.50, 0.90, 0.99};

    private final List<String> engines;
    private final BigDecimal thresholdPercent;
    private final Map<String, Distribution> distributions = new LinkedHashMap<>();
    private final Map<String, Comparison> comparisons = new LinkedHashMap<>();
    private long records;

    /** @param engines the engines' labels ({@code classic@1}), the first the one the others are compared with */
    public RecalculationTally(List<String> engines, BigDecimal thresholdPercent) {
        this.engines = List.copyOf(engines);
        this.thresholdPercent = thresholdPercent;
        for (String engine : engines) {
            distributions.put(engine, new Distribution());
        }
        for (String other : engines.subList(1, engines.size())) {
            comparisons.put(other, new Comparison());
        }
    }

    /** Adds one record's outcomes, one per engine in the order given at construction. */
    public void add(long recordId, List<PremiumOutcome> outcomes) {
        records++;
        for (int i = 0; i < engines.size(); i++) {
            distributions.get(engines.get(i)).add(outcomes.get(i));
        }
        if (!(outcomes.get(0) instanceof PremiumOutcome.Priced first)) {
            return;
        }
        for (int i = 1; i < engines.size(); i++) {
            if (outcomes.get(i) instanceof PremiumOutcome.Priced other) {
                comparisons.get(engines.get(i)).add(recordId, first.quote().premium(), other.quote().premium(), thresholdPercent);
            }
        }
    }

    public long records() {
        return records;
    }

    /**
     * {@code {"records":n,"threshold_percent":t,"engines":{"classic@1":{priced,unpriced,total,min,max,mean,
     * p10,p50,p90,p99,unpriced_fields:{field:n}}},"comparisons":[{"base":…,"other":…,"compared":n,
     * "over_threshold":n,"mean_difference_percent":d,"largest":[{record_id,base,other,difference_percent}]}]}}.
     */
    public JsonObject json() {
        JsonObject.Builder perEngine = JsonObject.builder();
        distributions.forEach((engine, distribution) -> perEngine.put(engine, distribution.json()));
        List<JsonValue> pairs = new ArrayList<>();
        comparisons.forEach((other, comparison) -> pairs.add(comparison.json(engines.get(0), other)));
        return JsonObject.builder()
                .put("records", records)
                .put("threshold_percent", JsonNumber.of(thresholdPercent))
                .put("engines", perEngine.build())
                .put("comparisons", JsonArray.of(pairs))
                .build();
    }

    private static final class Distribution {
        private final long[] buckets = new long[BUCKETS];
        private final Map<String, Long> unpricedFields = new TreeMap<>();
        private long priced;
        private long unpriced;
        private BigDecimal total = BigDecimal.ZERO;
        private BigDecimal min;
        private BigDecimal max;

        void add(PremiumOutcome outcome) {
            if (outcome instanceof PremiumOutcome.Unpriced missing) {
                unpriced++;
                missing.problems().forEach(problem -> unpricedFields.merge(problem.field(), 1L, Long::sum));
                return;
            }
            BigDecimal premium = ((PremiumOutcome.Priced) outcome).quote().premium();
            priced++;
            total = total.add(premium);
            min = min == null || premium.compareTo(min) < 0 ? premium : min;
            max = max == null || premium.compareTo(max) > 0 ? premium : max;
            buckets[bucket(premium.doubleValue())]++;
        }

        JsonObject json() {
            JsonObject.Builder json = JsonObject.builder()
                    .put("priced", priced)
                    .put("unpriced", unpriced)
                    .put("total", JsonNumber.of(total));
            JsonObject.Builder fields = JsonObject.builder();
            unpricedFields.forEach((field, count) -> fields.put(field, count));
            json.put("unpriced_fields", fields.build());
            if (priced > 0) {
                json.put("min", JsonNumber.of(min))
                        .put("max", JsonNumber.of(max))
                        .put("mean", JsonNumber.of(total.divide(BigDecimal.valueOf(priced), 2, RoundingMode.HALF_EVEN)));
                for (double p : PERCENTILES) {
                    json.put("p" + Math.round(p * 100), JsonNumber.of(percentile(p)));
                }
            }
            return json.build();
        }

        /** The upper edge of the bucket holding the p-th premium, clamped to the least and greatest seen. */
        private BigDecimal percentile(double p) {
            long rank = Math.max(1, (long) Math.ceil(p * priced));
            long seen = 0;
            for (int i = 0; i < BUCKETS; i++) {
                seen += buckets[i];
                if (seen >= rank) {
                    BigDecimal edge = BigDecimal.valueOf(Math.pow(BUCKET_GROWTH, i + 1)).setScale(2, RoundingMode.HALF_EVEN);
                    return edge.max(min).min(max);
                }
            }
            return max;
        }

        private static int bucket(double premium) {
            if (premium <= 1) {
                return 0;
            }
            return (int) Math.min(BUCKETS - 1, Math.floor(Math.log(premium) / LOG_GROWTH));
        }
    }

    /** One record priced by both engines of a pair. */
    private record Difference(long recordId, BigDecimal base, BigDecimal other, BigDecimal percent) {
        JsonObject json() {
            return JsonObject.builder()
                    .put("record_id", recordId)
                    .put("base", JsonNumber.of(base))
                    .put("other", JsonNumber.of(other))
                    .put("difference_percent", JsonNumber.of(percent))
                    .build();
        }
    }

    private static final class Comparison {
        private static final Comparator<Difference> BY_SIZE = Comparator
                .comparing((Difference d) -> d.percent().abs())
                .thenComparing(Difference::recordId, Comparator.reverseOrder());
        private final PriorityQueue<Difference> largest = new PriorityQueue<>(BY_SIZE);
        private long compared;
        private long overThreshold;
        private BigDecimal sumPercent = BigDecimal.ZERO;

        void add(long recordId, BigDecimal base, BigDecimal other, BigDecimal thresholdPercent) {
            compared++;
            BigDecimal percent = base.signum() == 0 ? BigDecimal.ZERO
                    : other.subtract(base).movePointRight(2).divide(base, 2, RoundingMode.HALF_EVEN);
            sumPercent = sumPercent.add(percent);
            if (percent.abs().compareTo(thresholdPercent) <= 0) {
                return;
            }
            overThreshold++;
            largest.add(new Difference(recordId, base, other, percent));
            if (largest.size() > MAX_LISTED) {
                largest.poll();
            }
        }

        JsonObject json(String base, String other) {
            List<Difference> listed = new ArrayList<>(largest);
            listed.sort(BY_SIZE.reversed());
            List<JsonValue> rows = new ArrayList<>();
            listed.forEach(difference -> rows.add(difference.json()));
            return JsonObject.builder()
                    .put("base", base)
                    .put("other", other)
                    .put("compared", compared)
                    .put("over_threshold", overThreshold)
                    .put("mean_difference_percent", JsonNumber.of(compared == 0 ? BigDecimal.ZERO
                            : sumPercent.divide(BigDecimal.valueOf(compared), 2, RoundingMode.HALF_EVEN)))
                    .put("largest", JsonArray.of(rows))
                    .build();
        }
    }
}
