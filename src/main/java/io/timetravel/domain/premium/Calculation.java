package io.timetravel.domain.premium;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The arithmetic every engine shares: an amount, multipliers applied in order, fees added, and
 * the result rounded half-even to cents, in decimal (never binary floating point), each step kept
 * as a {@link Factor}.
 */
final class Calculation {

    private static final MathContext PRECISION = MathContext.DECIMAL64;
    /** The multiplier of a loading that does not apply. */
    static final BigDecimal NONE = new BigDecimal("1.00");
    /** The input of a fee charged once per policy. */
    static final String PER_POLICY = "per policy";

    private final List<Factor> factors = new ArrayList<>();
    private BigDecimal amount;
    private BigDecimal fees = BigDecimal.ZERO;

    Calculation(String name, String input, BigDecimal base) {
        this.amount = base.round(PRECISION);
        factors.add(Factor.amount(name, input, amount.setScale(2, RoundingMode.HALF_EVEN)));
    }

    Calculation times(String name, String input, BigDecimal multiplier) {
        amount = amount.multiply(multiplier, PRECISION);
        factors.add(Factor.multiplier(name, input, multiplier));
        return this;
    }

    Calculation plus(String name, String input, BigDecimal fee) {
        fees = fees.add(fee);
        factors.add(Factor.fee(name, input, fee));
        return this;
    }

    Quote quote(PremiumEngine engine, String currency, PremiumInputs inputs) {
        BigDecimal premium = amount.add(fees).setScale(2, RoundingMode.HALF_EVEN);
        return Quote.of(engine.name(), engine.version(), premium, currency, factors, inputs.used());
    }

    /** A rate from a table of four, by class 1 to 4. */
    static BigDecimal byClass(BigDecimal[] table, int occupationClass) {
        return table[occupationClass - 1];
    }

    static BigDecimal decimal(String text) {
        return new BigDecimal(text);
    }
}
