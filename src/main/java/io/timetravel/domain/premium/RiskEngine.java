package io.timetravel.domain.premium;

import static io.timetravel.domain.premium.Calculation.decimal;

import io.timetravel.domain.json.JsonObject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The new risk engine ({@code risk-v2}): a smooth age curve instead of bands, the underwriting
 * risk score instead of the risk class, and the product, with its own smoker, occupation and
 * region loadings.
 *
 * <pre>
 * premium = sum_insured / 1000 × rate × e^(slope × (age − 40)) × smoker × occupation(class)
 *           × (score base + score slope × risk.score / 100) × product × region + fee
 * </pre>
 *
 * <p>The age curve uses {@link StrictMath#exp}, whose result is the same on every platform, and
 * is rounded to 6 decimals before it enters the decimal arithmetic.
 */
public final class RiskEngine extends TariffEngine {

    public static final String NAME = "risk-v2";

    /** The rates and loadings of one version. */
    public record Tariff(int version, Instant releasedAt, String description, BigDecimal ratePerThousandAt40,
                         double ageSlope, BigDecimal smokerLoading, BigDecimal[] occupation, BigDecimal scoreBase,
                         BigDecimal scoreSlope, Map<String, BigDecimal> product, Map<String, BigDecimal> region,
                         BigDecimal fee, String currency) {
    }

    private static final Map<String, BigDecimal> PRODUCTS_V1 = Map.of("term-life-20", decimal("1.00"),
            "term-life-30", decimal("1.12"), "whole-life", decimal("1.85"), "critical-illness", decimal("1.40"),
            "income-protection", decimal("1.30"));
    private static final Map<String, BigDecimal> REGIONS = Map.of("EU", decimal("1.00"), "UK", decimal("1.04"),
            "US", decimal("1.18"), "APAC", decimal("0.97"), "LATAM", decimal("0.92"));

    /** Version 1 (2026-06-01): the model the 10% rollout started with. */
    public static final Tariff V1 = new Tariff(1, Instant.parse("2026-06-01T00:00:00Z"),
            "age curve × smoker × occupation class × risk score × product × region + policy fee",
            decimal("1.40"), 0.065, decimal("1.80"),
            new BigDecimal[] {decimal("1.00"), decimal("1.08"), decimal("1.25"), decimal("1.55")},
            decimal("0.70"), decimal("0.80"), PRODUCTS_V1, REGIONS, decimal("20.00"), "EUR");

    /**
     * Version 2 (2026-10-01): the smoker loading lowered to 1.65 after the 2026 claims study,
     * and whole-life to 1.70; everything else as version 1.
     */
    public static final Tariff V2 = new Tariff(2, Instant.parse("2026-10-01T00:00:00Z"),
            "as version 1, with the smoker loading at 1.65 and whole-life at 1.70 (2026 claims study)",
            V1.ratePerThousandAt40(), V1.ageSlope(), decimal("1.65"), V1.occupation(), V1.scoreBase(), V1.scoreSlope(),
            Map.of("term-life-20", decimal("1.00"), "term-life-30", decimal("1.12"), "whole-life", decimal("1.70"),
                    "critical-illness", decimal("1.40"), "income-protection", decimal("1.30")),
            REGIONS, V1.fee(), V1.currency());

    private static final int REFERENCE_AGE = 40;

    private final Tariff tariff;

    public RiskEngine(Tariff tariff) {
        super(NAME, tariff.version(), tariff.releasedAt(), tariff.description(),
                List.of("date_of_birth", "smoker", "occupation", "sum_insured", "region", "risk.score", "policy.product"));
        this.tariff = tariff;
    }

    @Override
    public PremiumOutcome price(JsonObject state, Instant at) {
        PremiumInputs inputs = new PremiumInputs(state, at);
        PremiumInputs.Person person = inputs.person(tariff.region().keySet());
        int score = inputs.riskScore();
        String product = inputs.product(tariff.product().keySet());
        if (!inputs.problems().isEmpty()) {
            return new PremiumOutcome.Unpriced(inputs.problems());
        }
        BigDecimal base = person.sumInsured().multiply(tariff.ratePerThousandAt40()).movePointLeft(3);
        BigDecimal ageCurve = BigDecimal.valueOf(StrictMath.exp(tariff.ageSlope() * (person.age() - REFERENCE_AGE)))
                .round(new MathContext(7)).setScale(6, java.math.RoundingMode.HALF_EVEN);
        BigDecimal scoreFactor = tariff.scoreBase()
                .add(tariff.scoreSlope().multiply(BigDecimal.valueOf(score)).movePointLeft(2));
        String baseInput = "sum insured " + person.sumInsured().toPlainString() + ", "
                + tariff.ratePerThousandAt40().toPlainString() + " per 1,000 at age " + REFERENCE_AGE;
        int occupation = person.occupationClass();
        Calculation calculation = new Calculation("base", baseInput, base)
                .times("age", Integer.toString(person.age()), ageCurve)
                .times("smoker", Boolean.toString(person.smoker()), person.smoker() ? tariff.smokerLoading() : Calculation.NONE)
                .times("occupation", "class " + occupation, Calculation.byClass(tariff.occupation(), occupation))
                .times("risk score", Integer.toString(score), scoreFactor)
                .times("product", product, tariff.product().get(product))
                .times("region", person.region(), tariff.region().get(person.region()))
                .plus("policy fee", Calculation.PER_POLICY, tariff.fee());
        return new PremiumOutcome.Priced(calculation.quote(this, tariff.currency(), inputs));
    }
}
