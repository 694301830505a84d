package io.timetravel.domain.premium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a recalculation reports, added up record by record: distributions, comparisons, and their bounds. */
class RecalculationTallyTest {

    private static PremiumOutcome priced(String premium) {
        return new PremiumOutcome.Priced(Quote.of("e", 1, new BigDecimal(premium), "EUR", List.of(), Map.of()));
    }

    private static BigDecimal number(JsonObject json, String key) {
        return ((JsonNumber) json.getOrNull(key)).value();
    }

    @Test
    void percentilesAreWithinTwoPercentOfTheExactOnes() {
        RecalculationTally tally = new RecalculationTally(List.of("a@1"), BigDecimal.TEN);
        for (int i = 1; i <= 10_000; i++) {
            tally.add(i, List.of(priced(Integer.toString(100 + i))));
        }
        JsonObject a = (JsonObject) ((JsonObject) tally.json().getOrNull("engines")).getOrNull("a@1");
        assertEquals(10_000, number(a, "priced").longValue());
        assertEquals(new BigDecimal("101"), number(a, "min"));
        assertEquals(new BigDecimal("10100"), number(a, "max"));
        assertEquals(new BigDecimal("5100.50"), number(a, "mean"));
        double[][] expected = {{10, 1100}, {50, 5100}, {90, 9100}, {99, 10000}};
        for (double[] p : expected) {
            double got = number(a, "p" + (int) p[0]).doubleValue();
            assertTrue(Math.abs(got - p[1]) / p[1] <= 0.02, "p" + (int) p[0] + " = " + got + ", exact " + p[1]);
        }
    }

    @Test
    void recordsDifferingMoreThanTheThresholdAreCountedAndTheLargestListedAtMostAHundred() {
        RecalculationTally tally = new RecalculationTally(List.of("base@1", "other@1"), new BigDecimal("10"));
        for (int i = 1; i <= 500; i++) {
            // Record i: the other engine asks i % 50 percent more.
            BigDecimal other = new BigDecimal(100 + i % 50);
            tally.add(i, List.of(priced("100"), new PremiumOutcome.Priced(Quote.of("o", 1, other, "EUR", List.of(), Map.of()))));
        }
        tally.add(501, List.of(priced("100"), new PremiumOutcome.Unpriced(List.of(InputProblem.missing("risk.score")))));
        JsonObject comparison = (JsonObject) ((JsonArray) tally.json().getOrNull("comparisons")).elements().get(0);
        assertEquals(500, number(comparison, "compared").longValue());
        // 11 to 49 percent: 39 of every 50.
        assertEquals(390, number(comparison, "over_threshold").longValue());
        List<?> largest = ((JsonArray) comparison.getOrNull("largest")).elements();
        assertEquals(RecalculationTally.MAX_LISTED, largest.size());
        JsonObject first = (JsonObject) largest.get(0);
        assertEquals(new BigDecimal("49.00"), number(first, "difference_percent"));
        assertEquals(49, number(first, "record_id").longValue());
        JsonObject other = (JsonObject) ((JsonObject) tally.json().getOrNull("engines")).getOrNull("other@1");
        assertEquals("{\"risk.score\":1}", other.getOrNull("unpriced_fields").toJson());
        assertEquals(1, number(other, "unpriced").longValue());
        assertEquals(501, tally.records());
    }

    @Test
    void anEngineThatPricedNothingHasCountsButNoFigures() {
        RecalculationTally tally = new RecalculationTally(List.of("a@1"), BigDecimal.ONE);
        tally.add(1, List.of(new PremiumOutcome.Unpriced(List.of(InputProblem.missing("region")))));
        JsonObject a = (JsonObject) ((JsonObject) tally.json().getOrNull("engines")).getOrNull("a@1");
        assertEquals("{\"priced\":0,\"total\":0,\"unpriced\":1,\"unpriced_fields\":{\"region\":1}}", a.toJson());
    }
}
