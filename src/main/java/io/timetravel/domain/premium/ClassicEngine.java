package io.timetravel.domain.premium;

import static io.timetravel.domain.premium.Calculation.decimal;

import io.timetravel.domain.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The classic model, the one the book was priced with before the risk engine: a rate per 1,000
 * insured by age band, loaded for smokers, by occupation class, by underwriting risk class and
 * by region, plus a policy fee.
 *
 * <pre>
 * premium = sum_insured / 1000 × rate(age band) × smoker × occupation(class) × risk(class) × region + fee
 * </pre>
 */
public final class ClassicEngine implements PremiumEngine {

    public static final String NAME = "classic";

    /** The rates and loadings of one version. */
    public record Tariff(int version, Instant releasedAt, NavigableMap<Integer, BigDecimal> ratePerThousandFromAge,
                         BigDecimal smokerLoading, BigDecimal[] occupation, Map<String, BigDecimal> riskClass,
                         Map<String, BigDecimal> region, BigDecimal fee, String currency) {
    }

    /** Version 1 (2019-01-01): the tariff in force when the v1 service started. */
    public static final Tariff V1 = new Tariff(1, Instant.parse("2019-01-01T00:00:00Z"),
            new TreeMap<>(Map.of(0, decimal("0.80"), 30, decimal("1.10"), 40, decimal("1.90"), 50, decimal("3.60"),
                    60, decimal("7.20"), 70, decimal("13.00"))),
            decimal("1.75"),
            new BigDecimal[] {decimal("1.00"), decimal("1.10"), decimal("1.30"), decimal("1.60")},
            Map.of("A", decimal("0.90"), "B", decimal("1.00"), "C", decimal("1.25"), "D", decimal("1.60")),
            Map.of("EU", decimal("1.00"), "UK", decimal("1.05"), "US", decimal("1.15"), "APAC", decimal("0.95"),
                    "LATAM", decimal("0.90")),
            decimal("25.00"), "EUR");

    private final Tariff tariff;

    public ClassicEngine(Tariff tariff) {
        this.tariff = tariff;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return tariff.version();
    }

    @Override
    public Instant releasedAt() {
        return tariff.releasedAt();
    }

    @Override
    public String description() {
        return "rate per 1,000 insured by age band × smoker × occupation class × risk class × region + policy fee";
    }

    @Override
    public List<String> fields() {
        return List.of("date_of_birth", "smoker", "occupation", "sum_insured", "region", "risk.class");
    }

    @Override
    public PremiumOutcome price(JsonObject state, Instant at) {
        PremiumInputs inputs = new PremiumInputs(state, at);
        int age = inputs.age();
        boolean smoker = inputs.smoker();
        int occupationClass = inputs.occupationClass();
        BigDecimal sumInsured = inputs.sumInsured();
        String region = inputs.region(tariff.region().keySet());
        String riskClass = inputs.riskClass(tariff.riskClass().keySet());
        if (!inputs.problems().isEmpty()) {
            return new PremiumOutcome.Unpriced(inputs.problems());
        }
        Map.Entry<Integer, BigDecimal> band = tariff.ratePerThousandFromAge().floorEntry(age);
        BigDecimal base = sumInsured.multiply(band.getValue()).movePointLeft(3);
        Calculation calculation = new Calculation("base", "sum insured " + sumInsured.toPlainString() + ", age " + age
                + " (band from " + band.getKey() + ", " + band.getValue().toPlainString() + " per 1,000)", base)
                .times("smoker", Boolean.toString(smoker), smoker ? tariff.smokerLoading() : Calculation.NONE)
                .times("occupation", "class " + occupationClass, Calculation.byClass(tariff.occupation(), occupationClass))
                .times("risk class", riskClass, tariff.riskClass().get(riskClass))
                .times("region", region, tariff.region().get(region))
                .plus("policy fee", Calculation.PER_POLICY, tariff.fee());
        return new PremiumOutcome.Priced(calculation.quote(this, tariff.currency(), inputs));
    }
}
