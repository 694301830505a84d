package io.timetravel.domain.premium;

import io.timetravel.domain.json.JsonBoolean;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the facts an engine prices from a record's state at an instant, and says which ones are
 * missing or unusable. Each getter notes the field it read, so a quote can say (and hash) exactly
 * the inputs it used; problems are collected rather than thrown, so a record missing three fields
 * is told about all three at once.
 *
 * <p>The fields, as underwriting keeps them: {@code date_of_birth} (an ISO date; the age is
 * counted in whole years at the valid instant, in UTC), {@code smoker} (true or false),
 * {@code occupation} (a name from {@link #OCCUPATION_CLASSES}, or {@code occupation_class} 1 to 4
 * stated outright), {@code sum_insured} (above 0, at most 100,000,000), {@code region},
 * {@code risk.class} (A to D), {@code risk.score} (0 to 100) and {@code policy.product}.
 */
public final class PremiumInputs {

    /** Occupation classes, 1 (office work) to 4 (hazardous), of the occupations the book holds. */
    public static final Map<String, Integer> OCCUPATION_CLASSES = Map.ofEntries(
            Map.entry("accountant", 1), Map.entry("architect", 1), Map.entry("software developer", 1),
            Map.entry("lawyer", 1), Map.entry("teacher", 1), Map.entry("engineer", 2), Map.entry("nurse", 2),
            Map.entry("chef", 2), Map.entry("farmer", 3), Map.entry("electrician", 3), Map.entry("pilot", 3),
            Map.entry("firefighter", 4));

    static final BigDecimal MAX_SUM_INSURED = new BigDecimal("100000000");
    private static final int MAX_AGE = 120;

    private final JsonObject state;
    private final Instant at;
    private final Map<String, String> used = new TreeMap<>();
    private final List<InputProblem> problems = new ArrayList<>();

    public PremiumInputs(JsonObject state, Instant at) {
        this.state = state;
        this.at = at;
    }

    /** The facts about the insured person that every engine reads, read in this order. */
    public record Person(int age, boolean smoker, int occupationClass, BigDecimal sumInsured, String region) {
    }

    /** Reads {@link Person}'s facts, the region being one of {@code regions}. */
    public Person person(java.util.Set<String> regions) {
        return new Person(age(), smoker(), occupationClass(), sumInsured(), region(regions));
    }

    /** The age in whole years at the valid instant, from {@code date_of_birth}. */
    public int age() {
        Optional<String> text = string("date_of_birth");
        if (text.isEmpty()) {
            return 0;
        }
        LocalDate born;
        try {
            born = LocalDate.parse(text.get());
        } catch (DateTimeParseException e) {
            return invalid("date_of_birth", "not a date (YYYY-MM-DD)", 0);
        }
        LocalDate on = LocalDate.ofInstant(at, ZoneOffset.UTC);
        if (born.isAfter(on)) {
            return invalid("date_of_birth", "after the instant priced (" + on + ")", 0);
        }
        int age = Period.between(born, on).getYears();
        if (age > MAX_AGE) {
            return invalid("date_of_birth", "gives an age over " + MAX_AGE, 0);
        }
        used.put("age", Integer.toString(age));
        return age;
    }

    public boolean smoker() {
        JsonValue value = value("smoker");
        if (value == null) {
            return false;
        }
        if (!(value instanceof JsonBoolean flag)) {
            return invalid("smoker", "not true or false", false);
        }
        used.put("smoker", Boolean.toString(flag.value()));
        return flag.value();
    }

    /** 1 to 4: {@code occupation_class} when stated, else the class of {@code occupation}. */
    public int occupationClass() {
        JsonValue stated = find("occupation_class");
        if (stated != null && !stated.isNull()) {
            int value = wholeNumber(stated, "occupation_class", 1, 4);
            if (value > 0) {
                used.put("occupation_class", Integer.toString(value));
            }
            return value;
        }
        Optional<String> occupation = string("occupation");
        if (occupation.isEmpty()) {
            return 0;
        }
        Integer known = OCCUPATION_CLASSES.get(occupation.get().strip().toLowerCase(Locale.ROOT));
        if (known == null) {
            return invalid("occupation", "not a listed occupation; state occupation_class (1 to 4)", 0);
        }
        used.put("occupation_class", known.toString());
        return known;
    }

    public BigDecimal sumInsured() {
        JsonValue value = value("sum_insured");
        if (value == null) {
            return BigDecimal.ZERO;
        }
        if (!(value instanceof JsonNumber number) || number.value().signum() <= 0
                || number.value().compareTo(MAX_SUM_INSURED) > 0) {
            return invalid("sum_insured", "not a number above 0 and at most 100000000", BigDecimal.ZERO);
        }
        used.put("sum_insured", number.value().toPlainString());
        return number.value();
    }

    /** The region code, upper case, when it is one of {@code known}. */
    public String region(java.util.Set<String> known) {
        return oneOf("region", known);
    }

    /** {@code risk.class}, A to D. */
    public String riskClass(java.util.Set<String> known) {
        return oneOf("risk.class", known);
    }

    /** {@code risk.score}, 0 to 100. */
    public int riskScore() {
        JsonValue value = value("risk.score");
        if (value == null) {
            return 0;
        }
        int score = wholeNumber(value, "risk.score", 0, 100);
        if (score >= 0) {
            used.put("risk.score", Integer.toString(score));
        }
        return score;
    }

    /** {@code policy.product}, one of {@code known}. */
    public String product(java.util.Set<String> known) {
        return oneOf("policy.product", known);
    }

    /** The inputs read so far, by name, as the engine saw them. */
    public Map<String, String> used() {
        return new TreeMap<>(used);
    }

    /** What was missing or unusable, in the order it was read. */
    public List<InputProblem> problems() {
        return List.copyOf(problems);
    }

    private String oneOf(String field, java.util.Set<String> known) {
        Optional<String> text = string(field);
        if (text.isEmpty()) {
            return "";
        }
        String code = text.get().strip().toUpperCase(Locale.ROOT);
        if (!known.contains(code) && !known.contains(text.get().strip())) {
            return invalid(field, "not one of " + new java.util.TreeSet<>(known), "");
        }
        String value = known.contains(code) ? code : text.get().strip();
        used.put(field, value);
        return value;
    }

    private int wholeNumber(JsonValue value, String field, int min, int max) {
        if (value instanceof JsonNumber number) {
            try {
                int whole = number.value().intValueExact();
                if (whole >= min && whole <= max) {
                    return whole;
                }
            } catch (ArithmeticException e) {
                // not whole, or too large: answered below
            }
        }
        return invalid(field, "not a whole number from " + min + " to " + max, -1);
    }

    private Optional<String> string(String field) {
        JsonValue value = value(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof JsonString text) || text.value().isBlank()) {
            invalid(field, "not a text", null);
            return Optional.empty();
        }
        return Optional.of(text.value());
    }

    /** The field's value; {@code null} (and a problem noted) when it is absent or JSON null. */
    private JsonValue value(String field) {
        JsonValue value = find(field);
        if (value == null || value.isNull()) {
            problems.add(InputProblem.missing(field));
            return null;
        }
        return value;
    }

    /** The value at a dotted path, or {@code null}. */
    private JsonValue find(String path) {
        JsonValue current = state;
        for (String part : path.split("\\.")) {
            if (!(current instanceof JsonObject object)) {
                return null;
            }
            current = object.getOrNull(part);
        }
        return current;
    }

    private <T> T invalid(String field, String reason, T placeholder) {
        problems.add(new InputProblem(field, reason));
        return placeholder;
    }
}
