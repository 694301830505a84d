package io.timetravel.service;

import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonNull;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Realistic sample data for a first look at the workbench: about 200 policyholders across
 * regions, with histories of 1 to 300 versions written over two years by several underwriters,
 * including back-dated corrections, changes true for a bounded period, and restores. The same seed gives the same data.
 *
 * <p>Histories are written through the ordinary use cases at past transaction times, so the
 * sample looks exactly like data the store recorded itself; it is for an empty database.
 */
public final class SampleData {

    /** What loading did, for the progress display. */
    public record Progress(int recordsDone, int recordsTotal, long versionsWritten) {
    }

    private static final String[] FIRST = {"Ada", "Grace", "Alan", "Marie", "Niels", "Emmy", "Carl", "Sofia", "Hedy", "Tim",
        "Katherine", "John", "Lise", "Srinivasa", "Rosalind", "Dorothy", "Barbara", "Edsger", "Margaret", "Claude",
        "Chien-Shiung", "Hypatia", "Ibn", "Mary", "Ahmed", "Yuki", "Priya", "Olu", "Lucia", "Mateo"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Curie", "Bohr", "Noether", "Gauss", "Kovalevskaya",
        "Lamarr", "Berners-Lee", "Johnson", "von Neumann", "Meitner", "Ramanujan", "Franklin", "Vaughan", "Liskov",
        "Dijkstra", "Hamilton", "Shannon", "Wu", "Alexandria", "Sina", "Somerville", "Zewail", "Tanaka", "Natarajan",
        "Adeyemi", "Fernández", "García"};
    private static final String[][] REGIONS = {
        {"EU", "Berlin", "Paris", "Madrid", "Amsterdam", "Vienna"},
        {"UK", "London", "Manchester", "Edinburgh", "Bristol"},
        {"US", "New York", "Chicago", "Austin", "Seattle", "Boston"},
        {"APAC", "Singapore", "Sydney", "Tokyo", "Mumbai"},
        {"LATAM", "São Paulo", "Mexico City", "Bogotá", "Santiago"}};
    private static final String[] OCCUPATIONS = {"engineer", "teacher", "nurse", "accountant", "pilot", "architect",
        "electrician", "chef", "lawyer", "farmer", "software developer", "firefighter"};
    private static final String[] PRODUCTS = {"term-life-20", "term-life-30", "whole-life", "critical-illness", "income-protection"};
    private static final long[] UNDERWRITERS = {101, 102, 103, 104, 105, 106};
    private static final long BATCH_ACTOR = 900;
    private static final Instant START = Instant.parse("2024-11-01T08:00:00Z");

    private final Random random;
    private final int records;

    public SampleData(long seed, int records) {
        this.random = new Random(seed);
        this.records = records;
    }

    /** The standard sample: 200 policyholders. */
    public static SampleData standard() {
        return new SampleData(20261121L, 200);
    }

    /** Writes at most this many changes ahead of their commits: fast, with memory bounded. */
    private static final int IN_FLIGHT = 512;

    /**
     * Writes the sample through {@code writer}, each change at its own past transaction time.
     * Returns the number of versions written.
     */
    public long load(RecordService writer, Instant until, Consumer<Progress> progress) {
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            plans.add(plan(1001 + i, until));
        }
        // Interleave the records' histories in time order, as they would have happened.
        List<Step> steps = new ArrayList<>();
        plans.forEach(plan -> steps.addAll(plan.steps));
        steps.sort((a, b) -> a.recordedAt.compareTo(b.recordedAt));
        int[] remaining = new int[records];
        plans.forEach(plan -> remaining[(int) (plan.id - 1001)] = plan.steps.size());
        long versions = 0;
        int done = 0;
        ArrayDeque<CompletableFuture<WriteOutcome>> inFlight = new ArrayDeque<>();
        ArrayDeque<Step> pending = new ArrayDeque<>();
        for (Step step : steps) {
            inFlight.add(step.restoreAt != null
                    ? writer.replayRestore(new RestoreCommand(step.id, null, step.restoreAt, null, step.actor, step.reason, "sample"),
                            step.recordedAt)
                    : writer.replayWrite(new WriteCommand(step.id, step.patch, step.effectiveAt, step.validTo, step.actor,
                            step.reason, "sample", null, false), step.recordedAt));
            pending.add(step);
            while (inFlight.size() >= IN_FLIGHT || (step == steps.get(steps.size() - 1) && !inFlight.isEmpty())) {
                versions += inFlight.poll().join().changed() ? 1 : 0;
                if (--remaining[(int) (pending.poll().id - 1001)] == 0) {
                    progress.accept(new Progress(++done, records, versions));
                }
            }
        }
        return versions;
    }

    /** One change of a plan: a write, or (with {@code restoreAt}) a restore of the state true then. */
    private record Step(long id, Instant recordedAt, Instant effectiveAt, Instant validTo, long actor, JsonObject patch,
                        Instant restoreAt, String reason) {
    }

    private record Plan(long id, List<Step> steps) {
    }

    private Plan plan(long id, Instant until) {
        List<Step> steps = new ArrayList<>();
        String[] region = REGIONS[random.nextInt(REGIONS.length)];
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        Instant at = START.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 200)));
        long owner = UNDERWRITERS[random.nextInt(UNDERWRITERS.length)];
        steps.add(new Step(id, at, null, null, owner, initial(id, first, last, region), null, "new business"));
        int length = historyLength();
        long span = Math.max(1, Duration.between(at, until).toMinutes() - 60);
        long gap = Math.max(1, span / Math.max(1, length));
        int written = 1;
        for (int v = 2; v <= length; v++) {
            at = at.plus(Duration.ofMinutes(1 + (long) (random.nextDouble() * gap * 1.5)));
            if (!at.isBefore(until)) {
                break;
            }
            long actor = random.nextInt(10) == 0 ? BATCH_ACTOR : random.nextInt(3) == 0
                    ? UNDERWRITERS[random.nextInt(UNDERWRITERS.length)] : owner;
            int kind = random.nextInt(100);
            if (kind < 4 && written > 3) {
                Instant target = steps.get(1 + random.nextInt(steps.size() - 2)).recordedAt();
                steps.add(new Step(id, at, null, null, actor, null, target, pick("reverting an erroneous bulk update",
                        "customer disputed the change; restored the agreed terms", "undo of an import error")));
            } else if (kind < 14 && written > 1) {
                Instant effective = at.minus(Duration.ofDays(3 + random.nextInt(60)));
                steps.add(new Step(id, at, effective, null, actor, correction(), null, pick("medical report received late",
                        "back-dated correction from the broker", "customer notified a change after the fact")));
            } else if (kind < 17 && written > 1) {
                // A change true for a while only, learned after it began (a bounded valid period).
                Instant effective = at.minus(Duration.ofDays(1 + random.nextInt(30)));
                Instant validTo = effective.plus(Duration.ofDays(7 + random.nextInt(60)));
                steps.add(new Step(id, at, effective, validTo, actor, temporary(region), null, pick(
                        "temporary cover while working abroad", "cover raised for the duration of a loan",
                        "temporary address during renovation")));
            } else {
                steps.add(new Step(id, at, null, null, actor, change(region, v), null, kind < 40 ? pick("annual renewal",
                        "address change requested by customer", "risk review", "premium adjustment after claim") : null));
            }
            written++;
        }
        return new Plan(id, steps);
    }

    /** Mostly short histories, some long ones, a few up to 300 versions. */
    private int historyLength() {
        int roll = random.nextInt(100);
        if (roll < 5) {
            return 1;
        }
        if (roll < 70) {
            return 2 + random.nextInt(25);
        }
        if (roll < 93) {
            return 25 + random.nextInt(75);
        }
        return 150 + random.nextInt(151);
    }

    private JsonObject initial(long id, String first, String last, String[] region) {
        LocalDate birth = LocalDate.of(1950 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28));
        LocalDate start = LocalDate.of(2015 + random.nextInt(10), 1 + random.nextInt(12), 1);
        return JsonObject.builder()
                .put("name", first + " " + last)
                .put("region", region[0])
                .put("date_of_birth", birth.toString())
                .put("occupation", OCCUPATIONS[random.nextInt(OCCUPATIONS.length)])
                .put("smoker", random.nextInt(5) == 0)
                .put("annual_premium", money(400 + random.nextInt(4000)))
                .put("sum_insured", JsonNumber.of(50_000L * (2 + random.nextInt(40))))
                .put("address", JsonObject.builder()
                        .put("street", (1 + random.nextInt(200)) + " " + pick("High Street", "Main Road", "Park Lane", "Station Road",
                                "Church Street"))
                        .put("city", region[1 + random.nextInt(region.length - 1)])
                        .put("postcode", String.valueOf(10_000 + random.nextInt(89_999)))
                        .build())
                .put("policy", JsonObject.builder()
                        .put("number", "P-" + id + "-" + (100 + random.nextInt(900)))
                        .put("product", PRODUCTS[random.nextInt(PRODUCTS.length)])
                        .put("start_date", start.toString())
                        .put("status", "active")
                        .build())
                .put("risk", JsonObject.builder().put("score", 20 + random.nextInt(60)).put("class", pick("A", "B", "C")).build())
                .put("beneficiaries", JsonArray.of(JsonString.of(pick(FIRST) + " " + last)))
                .build();
    }

    private JsonObject change(String[] region, int version) {
        return switch (random.nextInt(8)) {
            case 0, 1 -> JsonObject.builder().put("annual_premium", money(400 + random.nextInt(4500))).build();
            case 2 -> JsonObject.builder().put("address", JsonObject.builder()
                    .put("city", region[1 + random.nextInt(region.length - 1)])
                    .put("postcode", String.valueOf(10_000 + random.nextInt(89_999))).build()).build();
            case 3 -> JsonObject.builder().put("risk", JsonObject.builder().put("score", 10 + random.nextInt(80)).build()).build();
            case 4 -> JsonObject.builder().put("policy", JsonObject.builder()
                    .put("status", pick("active", "active", "active", "lapsed", "under review")).build()).build();
            case 5 -> JsonObject.builder().put("underwriter_notes", random.nextInt(4) == 0 ? JsonNull.INSTANCE
                    : JsonString.of(pick("Requested GP report.", "Hazardous hobby declared: diving.", "Premium loading 25% applied.",
                    "Exclusion added for pre-existing condition.", "Reviewed after claim; no change.") + " (rev " + version + ")")).build();
            case 6 -> JsonObject.builder().put("occupation", OCCUPATIONS[random.nextInt(OCCUPATIONS.length)]).build();
            default -> JsonObject.builder()
                    .put("annual_premium", money(400 + random.nextInt(4500)))
                    .put("sum_insured", JsonNumber.of(50_000L * (2 + random.nextInt(40))))
                    .build();
        };
    }

    private JsonObject correction() {
        return switch (random.nextInt(3)) {
            case 0 -> JsonObject.builder().put("smoker", random.nextBoolean()).build();
            case 1 -> JsonObject.builder().put("date_of_birth", LocalDate.of(1950 + random.nextInt(50), 1 + random.nextInt(12),
                    1 + random.nextInt(28)).toString()).build();
            default -> JsonObject.builder().put("risk", JsonObject.builder().put("class", pick("A", "B", "C", "D")).build()).build();
        };
    }

    private JsonObject temporary(String[] region) {
        return random.nextBoolean()
                ? JsonObject.builder().put("sum_insured", JsonNumber.of(50_000L * (20 + random.nextInt(40)))).build()
                : JsonObject.builder().put("address", JsonObject.builder()
                        .put("city", region[1 + random.nextInt(region.length - 1)])
                        .put("postcode", String.valueOf(10_000 + random.nextInt(89_999))).build()).build();
    }

    private JsonValue money(int whole) {
        return JsonNumber.of(BigDecimal.valueOf(whole * 100L + random.nextInt(100), 2));
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    /** The default end of the sample's history: shortly before now. */
    public static Instant defaultUntil(Instant now) {
        return now.atZone(ZoneOffset.UTC).minusHours(2).toInstant();
    }
}
