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
public final class ClassicEngine extends TariffEngine {

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
        super(NAME, tariff.version(), tariff.releasedAt(),
                "rate per 1,000 insured by age band × smoker × occupation class × risk class × region + policy fee",
                List.of("date_of_birth", "smoker", "occupation", "sum_insured", "region", "risk.class"));
        this.tariff = tariff;
    }

    @Override
    public PremiumOutcome price(JsonObject state, Instant at) {
        PremiumInputs inputs = new PremiumInputs(state, at);
        PremiumInputs.Person person = inputs.person(tariff.region().keySet());
        String riskClass = inputs.riskClass(tariff.riskClass().keySet());
        if (!inputs.problems().isEmpty()) {
            return new PremiumOutcome.Unpriced(inputs.problems());
        }
        Map.Entry<Integer, BigDecimal> band = tariff.ratePerThousandFromAge().floorEntry(person.age());
        BigDecimal base = person.sumInsured().multiply(band.getValue()).movePointLeft(3);
        String baseInput = "sum insured " + person.sumInsured().toPlainString() + ", age " + person.age()
                + " (band from " + band.getKey() + ", " + band.getValue().toPlainString() + " per 1,000)";
        int occupation = person.occupationClass();
        Calculation calculation = new Calculation("base", baseInput, base)
                .times("smoker", Boolean.toString(person.smoker()), person.smoker() ? tariff.smokerLoading() : Calculation.NONE)
                .times("occupation", "class " + occupation, Calculation.byClass(tariff.occupation(), occupation))
                .times("risk class", riskClass, tariff.riskClass().get(riskClass))
                .times("region", person.region(), tariff.region().get(person.region()))
                .plus("policy fee", Calculation.PER_POLICY, tariff.fee());
        return new PremiumOutcome.Priced(calculation.quote(this, tariff.currency(), inputs));
    }
}
