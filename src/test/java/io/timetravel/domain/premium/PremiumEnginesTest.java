package io.timetravel.domain.premium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParser;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engines priced by hand: each factor, the rounding, the versions, and the reasons for no price. */
class PremiumEnginesTest {

    private static final Instant AT = Instant.parse("2026-06-15T00:00:00Z");
    private static final PremiumEngines ENGINES = PremiumEngines.standard();

    private static JsonObject record(String json) {
        return io.timetravel.testing.StoreFixture.json(json);
    }

    private static final JsonObject ADA = record(io.timetravel.testing.PricedRecords.ADA);

    private static Quote quote(String engine, int version, JsonObject state) {
        PremiumOutcome outcome = ENGINES.find(engine, version).orElseThrow().price(state, AT);
        return assertInstanceOf(PremiumOutcome.Priced.class, outcome, outcome::toString).quote();
    }

    @Test
    void classicIsTheBandRateLoadedByEachClassPlusTheFee() {
        // 500,000 / 1000 × 1.90 (age 46, band 40-49) × 1.00 × 1.10 (engineer, class 2) × 1.00 (B) × 1.00 (EU) + 25
        Quote quote = quote("classic", 1, ADA);
        assertEquals(new BigDecimal("1070.00"), quote.premium());
        assertEquals("EUR", quote.currency());
        assertEquals(List.of("base", "smoker", "occupation", "risk class", "region", "policy fee"),
                quote.factors().stream().map(Factor::name).toList());
        assertEquals(new BigDecimal("950.00"), quote.factors().get(0).value());
        assertEquals("{\"age\":\"46\",\"occupation_class\":\"2\",\"region\":\"EU\",\"risk.class\":\"B\",\"smoker\":\"false\","
                + "\"sum_insured\":\"500000\"}", quote.inputsJson().toJson());
    }

    @Test
    void riskV2FollowsTheAgeCurveTheScoreAndTheProduct() {
        // 700 × e^(0.065 × 6) = 1.476981 × 1.08 × (0.70 + 0.80 × 0.40) × 1.00 × 1.00 + 20
        Quote quote = quote("risk-v2", 1, ADA);
        BigDecimal expected = new BigDecimal("700").multiply(new BigDecimal("1.476981")).multiply(new BigDecimal("1.08"))
                .multiply(new BigDecimal("1.0200")).add(new BigDecimal("20")).setScale(2, java.math.RoundingMode.HALF_EVEN);
        assertEquals(new BigDecimal("1158.93"), expected);
        assertEquals(expected, quote.premium());
        assertEquals("46", quote.factors().get(1).input());
        assertEquals(new BigDecimal("1.476981"), quote.factors().get(1).value());
    }

    @Test
    void aNewVersionChangesOnlyWhatItSaysAndTheOldOneStaysCallable() {
        JsonObject smoker = record(ADA.toJson().replace("\"smoker\":false", "\"smoker\":true"));
        Quote v1 = quote("risk-v2", 1, smoker);
        Quote v2 = quote("risk-v2", 2, smoker);
        assertEquals(new BigDecimal("1.80"), v1.factors().get(2).value());
        assertEquals(new BigDecimal("1.65"), v2.factors().get(2).value());
        // A non-smoker on term life is priced the same by both versions.
        assertEquals(quote("risk-v2", 1, ADA).premium(), quote("risk-v2", 2, ADA).premium());
        assertEquals(2, ENGINES.inForce("risk-v2", Instant.parse("2026-10-01T00:00:00Z")).orElseThrow().version());
        assertEquals(1, ENGINES.inForce("risk-v2", Instant.parse("2026-09-30T23:59:59Z")).orElseThrow().version());
        assertTrue(ENGINES.inForce("risk-v2", Instant.parse("2026-05-31T00:00:00Z")).isEmpty());
    }

    @Test
    void theSameStateAlwaysGivesTheSameQuote() {
        for (PremiumEngine engine : ENGINES.all()) {
            assertEquals(engine.price(ADA, AT), engine.price(record(ADA.toJson()), AT), engine.label());
        }
    }

    @Test
    void theAgeIsCountedInWholeYearsAtTheInstantPriced() {
        PremiumEngine classic = ENGINES.find("classic", 1).orElseThrow();
        JsonObject turning40 = record(ADA.toJson().replace("1980-05-01", "1986-06-15"));
        Quote dayBefore = ((PremiumOutcome.Priced) classic.price(turning40, Instant.parse("2026-06-14T23:59:59Z"))).quote();
        Quote birthday = ((PremiumOutcome.Priced) classic.price(turning40, Instant.parse("2026-06-15T00:00:00Z"))).quote();
        assertEquals("39", dayBefore.inputs().get("age"));
        assertEquals("40", birthday.inputs().get("age"));
        assertEquals(new BigDecimal("1.10"), new BigDecimal(dayBefore.factors().get(0).input().replaceAll(".*, (\\S+) per.*", "$1")));
        assertTrue(birthday.premium().compareTo(dayBefore.premium()) > 0, "the 40-49 band costs more");
    }

    @Test
    void missingAndUnusableInputsAreEachNamedAndGiveNoPrice() {
        JsonObject bob = record("{\"name\":\"Bob\",\"region\":\"Mars\",\"smoker\":\"yes\",\"sum_insured\":-5,"
                + "\"date_of_birth\":\"1980-13-01\",\"occupation\":\"astronaut\",\"risk\":{\"score\":101}}");
        PremiumOutcome.Unpriced classic = assertInstanceOf(PremiumOutcome.Unpriced.class,
                ENGINES.find("classic", 1).orElseThrow().price(bob, AT));
        assertEquals(List.of(
                new InputProblem("date_of_birth", "not a date (YYYY-MM-DD)"),
                new InputProblem("smoker", "not true or false"),
                new InputProblem("occupation", "not a listed occupation; state occupation_class (1 to 4)"),
                new InputProblem("sum_insured", "not a number above 0 and at most 100000000"),
                new InputProblem("region", "not one of [APAC, EU, LATAM, UK, US]"),
                InputProblem.missing("risk.class")), classic.problems());
        PremiumOutcome.Unpriced risk = assertInstanceOf(PremiumOutcome.Unpriced.class,
                ENGINES.find("risk-v2", 2).orElseThrow().price(record("{}"), AT));
        assertEquals(List.of("date_of_birth", "smoker", "occupation", "sum_insured", "region", "risk.score", "policy.product"),
                risk.problems().stream().map(InputProblem::field).toList());
        assertTrue(risk.problems().stream().allMatch(InputProblem::isMissing));
    }

    @Test
    void aStatedOccupationClassWinsAndABirthAfterTheInstantIsRefused() {
        JsonObject stated = record(ADA.toJson().replace("\"occupation\":\"engineer\"", "\"occupation_class\":4"));
        assertEquals("4", quote("classic", 1, stated).inputs().get("occupation_class"));
        PremiumOutcome unborn = ENGINES.find("classic", 1).orElseThrow()
                .price(record(ADA.toJson().replace("1980-05-01", "2030-01-01")), AT);
        assertEquals("date_of_birth: after the instant priced (2026-06-15)",
                ((PremiumOutcome.Unpriced) unborn).describe());
    }

    @Test
    void anEngineVersionIsRegisteredOnce() {
        assertThrows(IllegalArgumentException.class, () -> new PremiumEngines(List.of(new ClassicEngine(ClassicEngine.V1),
                new ClassicEngine(ClassicEngine.V1))));
        assertEquals(List.of("classic", "risk-v2"), ENGINES.names());
        assertEquals(List.of("classic@1", "risk-v2@1", "risk-v2@2"), ENGINES.all().stream().map(PremiumEngine::label).toList());
    }

    @Test
    void aDecisionReadsBackFromItsStoredFormAsItWas() throws Exception {
        Quote quote = quote("classic", 1, ADA);
        Decision decision = new Decision(0, 7, 3, AT, AT.plusSeconds(60), AT.plusSeconds(61), "flag:off",
                java.util.Map.of("new_risk_engine", false), "v2", 5, true, quote);
        Decision read = Decision.fromJson(12, JsonParser.parseObject(decision.json().toJson()));
        assertEquals(decision.withId(12), read);
        assertEquals(decision.json(), read.json());
    }
}
