package io.timetravel.gui.recalculations;

import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.gui.Formats;
import io.timetravel.gui.Messages;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a completed recalculation found (the JSON of {@code RecalculationTally}), read into rows
 * for the view: the distribution per engine, the fields that left records unpriced, and each
 * comparison with its summary and largest differences.
 *
 * @param unpricedFields one line per engine that left records unpriced: "risk-v2@2: risk.score 12, sum_insured 3"
 */
public record RecalculationResult(long records, List<EngineRow> engines, List<String> unpricedFields,
                                  List<Comparison> comparisons) {

    public RecalculationResult {
        engines = List.copyOf(engines);
        unpricedFields = List.copyOf(unpricedFields);
        comparisons = List.copyOf(comparisons);
    }

    /** Reads a job's result. */
    static RecalculationResult of(JsonObject result) {
        List<EngineRow> engines = new ArrayList<>();
        List<String> unpriced = new ArrayList<>();
        for (Map.Entry<String, JsonValue> entry : object(result, "engines").members().entrySet()) {
            JsonObject distribution = (JsonObject) entry.getValue();
            engines.add(new EngineRow(entry.getKey(), count(distribution, "priced"), count(distribution, "unpriced"),
                    money(distribution, "min"), money(distribution, "p10"), money(distribution, "p50"),
                    money(distribution, "p90"), money(distribution, "p99"), money(distribution, "max"),
                    money(distribution, "mean")));
            List<String> fields = new ArrayList<>();
            object(distribution, "unpriced_fields").members().forEach((field, count) ->
                    fields.add(Messages.get("recalc.unpricedField", field, Formats.exactNumber(((JsonNumber) count).value().toPlainString()))));
            if (!fields.isEmpty()) {
                unpriced.add(Messages.get("recalc.unpricedLine", entry.getKey(), String.join(", ", fields)));
            }
        }
        BigDecimal threshold = number(result, "threshold_percent");
        List<Comparison> comparisons = new ArrayList<>();
        for (JsonValue pair : array(result, "comparisons").elements()) {
            comparisons.add(comparison((JsonObject) pair, threshold));
        }
        return new RecalculationResult(number(result, "records").longValue(), engines, unpriced, comparisons);
    }

    private static Comparison comparison(JsonObject pair, BigDecimal threshold) {
        String base = pair.getString("base").orElse("");
        String other = pair.getString("other").orElse("");
        String summary = Messages.get("recalc.summary", count(pair, "over_threshold"), count(pair, "compared"),
                threshold.stripTrailingZeros().toPlainString(), base, other,
                percent(number(pair, "mean_difference_percent")));
        List<DifferenceRow> largest = new ArrayList<>();
        for (JsonValue value : array(pair, "largest").elements()) {
            JsonObject difference = (JsonObject) value;
            largest.add(new DifferenceRow(number(difference, "record_id").longValueExact(), money(difference, "base"),
                    money(difference, "other"), percent(number(difference, "difference_percent"))));
        }
        return new Comparison(base, other, summary, largest);
    }

    /** A signed percentage to one decimal: "+6.3%", "-12.0%", "0.0%". */
    static String percent(BigDecimal value) {
        BigDecimal rounded = value.setScale(1, RoundingMode.HALF_EVEN);
        return (rounded.signum() > 0 ? "+" : "") + Formats.exactNumber(rounded.toPlainString()) + "%";
    }

    private static String money(JsonObject object, String key) {
        return object.get(key).map(value -> Formats.exactNumber(((JsonNumber) value).value()
                .setScale(2, RoundingMode.HALF_EVEN).toPlainString())).orElse("");
    }

    private static String count(JsonObject object, String key) {
        return Formats.exactNumber(number(object, key).toPlainString());
    }

    private static BigDecimal number(JsonObject object, String key) {
        return object.get(key).map(value -> ((JsonNumber) value).value()).orElse(BigDecimal.ZERO);
    }

    private static JsonObject object(JsonObject object, String key) {
        return object.get(key).map(JsonObject.class::cast).orElse(JsonObject.empty());
    }

    private static JsonArray array(JsonObject object, String key) {
        return object.get(key).map(JsonArray.class::cast).orElse(JsonArray.of());
    }
}
