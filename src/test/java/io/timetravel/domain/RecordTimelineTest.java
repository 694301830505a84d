package io.timetravel.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonNull;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.domain.json.MergePatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The field-level bitemporal rule (docs/decisions/0019): the index must answer exactly what the
 * naive fold of the definition answers, for every pair of instants.
 */
class RecordTimelineTest {

    private static final Instant DAY0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant day(int n) {
        return DAY0.plus(Duration.ofDays(n));
    }

    private static Instant jan(int d) {
        return Instant.parse(String.format("2026-01-%02dT00:00:00Z", d));
    }

    private static Instant date(String text) {
        return Instant.parse(text + "T00:00:00Z");
    }

    private static RecordTimeline.Entry entry(long version, Instant effective, Instant validTo, Instant recorded, String patch) {
        return new RecordTimeline.Entry(
                new VersionInfo(7, version, effective, validTo, recorded, 1, version == 1 ? Operation.CREATE : Operation.UPDATE, null),
                json(patch));
    }

    /** The timeline of {@code entries} as the writer builds it, one {@link RecordTimeline#with} at a time. */
    private static RecordTimeline grownVersionByVersion(List<RecordTimeline.Entry> entries) {
        RecordTimeline grown = RecordTimeline.of(List.of());
        for (RecordTimeline.Entry each : entries) {
            grown = grown.with(each);
        }
        return grown;
    }

    private static JsonObject json(String text) {
        try {
            return JsonParser.parseObject(text);
        } catch (JsonParseException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonObject at(RecordTimeline timeline, Instant valid, Instant known) {
        return timeline.at(valid, known).orElseThrow().data();
    }

    @Test
    void aBackDatedCorrectionCarriesForwardToNow() {
        Instant created = date("2026-03-01");
        Instant updated = date("2026-06-01");
        Instant learned = date("2026-07-01");
        RecordTimeline timeline = RecordTimeline.of(List.of(
                entry(1, created, null, created, "{\"name\":\"Ann\",\"premium\":1200,\"address\":{\"city\":\"Oslo\"}}"),
                entry(2, updated, null, updated, "{\"premium\":1350,\"address\":{\"zip\":\"0150\"}}"),
                entry(3, date("2026-05-01"), null, learned, "{\"smoker\":true}")));

        Instant now = date("2026-08-01");
        assertEquals(json("{\"name\":\"Ann\",\"premium\":1350,\"address\":{\"city\":\"Oslo\",\"zip\":\"0150\"},\"smoker\":true}"),
                at(timeline, now, now));
        assertEquals(3, timeline.at(now, now).orElseThrow().newest().version());
        // As known before the correction, it is not there; in April it was not yet true.
        assertFalse(at(timeline, now, date("2026-06-15")).containsKey("smoker"));
        assertFalse(at(timeline, date("2026-04-01"), now).containsKey("smoker"));
        // Version 3 as the store showed it right after recording it.
        assertEquals(at(timeline, learned, learned), timeline.asRecorded(3).orElseThrow().data());
        assertEquals(json("{\"premium\":1350,\"address\":{\"zip\":\"0150\"},\"smoker\":true}"),
                MergePatch.between(timeline.asRecorded(1).orElseThrow().data(), timeline.asRecorded(3).orElseThrow().data()));
    }

    @Test
    void theIssuesAddressExamples() {
        RecordTimeline abc = RecordTimeline.of(List.of(
                entry(1, date("2026-01-01"), null, date("2026-01-01"), "{\"addr\":\"A\"}"),
                entry(2, date("2026-03-01"), null, date("2026-03-01"), "{\"addr\":\"B\"}"),
                entry(3, date("2026-02-01"), null, date("2026-04-01"), "{\"addr\":\"C\"}")));
        Instant now = date("2026-05-01");
        assertEquals(json("{\"addr\":\"C\"}"), at(abc, date("2026-02-15"), now));
        assertEquals(json("{\"addr\":\"B\"}"), at(abc, date("2026-03-15"), now));
        assertEquals(json("{\"addr\":\"A\"}"), at(abc, date("2026-01-15"), now));
        assertEquals(json("{\"addr\":\"A\"}"), at(abc, date("2026-02-15"), date("2026-03-15")));

        RecordTimeline bounded = abc.with(entry(4, date("2026-02-10"), date("2026-02-20"), date("2026-04-15"), "{\"addr\":\"D\"}"));
        assertEquals(json("{\"addr\":\"D\"}"), at(bounded, date("2026-02-15"), now));
        assertEquals(json("{\"addr\":\"C\"}"), at(bounded, date("2026-02-25"), now));
        assertEquals(json("{\"addr\":\"B\"}"), at(bounded, date("2026-03-15"), now));
        assertEquals(4, bounded.at(date("2026-02-15"), now).orElseThrow().newest().version());
        assertEquals(3, bounded.at(date("2026-02-25"), now).orElseThrow().newest().version());
    }

    @Test
    void aKeyRemovedFromThePastStaysRemovedUntilSetAgain() {
        RecordTimeline timeline = RecordTimeline.of(List.of(
                entry(1, jan(1), null, jan(1), "{\"a\":1,\"b\":1}"),
                entry(2, jan(10), null, jan(10), "{\"b\":2}"),
                entry(3, jan(20), null, jan(20), "{\"a\":3}"),
                entry(4, jan(5), null, jan(25), "{\"a\":null}")));
        Instant now = jan(28);
        assertEquals(json("{\"a\":1,\"b\":1}"), at(timeline, jan(3), now));
        assertEquals(json("{\"b\":1}"), at(timeline, jan(6), now));
        assertEquals(json("{\"b\":2}"), at(timeline, jan(15), now));
        assertEquals(json("{\"a\":3,\"b\":2}"), at(timeline, jan(21), now));
    }

    @Test
    void nothingIsTrueBeforeTheFirstEffectiveInstantOrAfterABoundedCreate() {
        RecordTimeline timeline = RecordTimeline.of(List.of(entry(1, jan(5), jan(10), jan(1), "{\"a\":1}")));
        assertTrue(timeline.at(jan(4), jan(20)).isEmpty());
        assertEquals(json("{\"a\":1}"), at(timeline, jan(5), jan(20)));
        assertTrue(timeline.at(jan(10), jan(20)).isEmpty());
        assertTrue(timeline.asRecorded(1).isEmpty(), "created effective later: nothing true when recorded");
    }

    @Test
    void refusesVersionsOutOfOrderAndEmptyPeriods() {
        RecordTimeline one = RecordTimeline.of(List.of(entry(1, jan(1), null, jan(2), "{}")));
        assertThrows(IllegalArgumentException.class, () -> one.with(entry(3, jan(1), null, jan(3), "{}")));
        assertThrows(IllegalArgumentException.class, () -> one.with(entry(2, jan(1), null, jan(2), "{}")));
        assertThrows(IllegalArgumentException.class, () -> one.with(entry(2, jan(5), jan(5), jan(3), "{}")));
    }

    @Test
    void aWriteThatChangesNothingAnywhereIsNoChange() {
        RecordTimeline timeline = RecordTimeline.of(List.of(
                entry(1, jan(1), null, jan(1), "{\"a\":1,\"o\":{\"x\":1}}"),
                entry(2, jan(10), null, jan(10), "{\"a\":2}")));
        assertFalse(timeline.changedBy(entry(3, jan(12), null, jan(12), "{\"a\":2,\"o\":{\"x\":1}}")));
        assertFalse(timeline.changedBy(entry(3, jan(3), jan(10), jan(12), "{\"a\":1}")));
        assertFalse(timeline.changedBy(entry(3, jan(3), jan(11), jan(12), "{\"a\":1}")), "version 2 is effective later");
        assertTrue(timeline.changedBy(entry(3, jan(3), jan(5), jan(12), "{\"a\":5}")));
        assertTrue(timeline.changedBy(entry(3, jan(11), null, jan(12), "{\"a\":1}")));
        assertTrue(timeline.changedBy(entry(3, jan(12), null, jan(12), "{\"o\":{\"y\":null,\"x\":2}}")));
        assertFalse(timeline.changedBy(entry(3, jan(12), null, jan(12), "{\"o\":{\"y\":null}}")));
        assertTrue(timeline.changedBy(entry(3, jan(12), null, jan(12), "{\"o\":{}, \"b\":[]}")));
    }

    // ---- the property: the index equals the definition ----

    private static final String[] KEYS = {"a", "b", "c"};

    @Test
    void everyReadEqualsTheNaiveFoldOfTheDefinition() {
        for (long seed = 1; seed <= 400; seed++) {
            Random random = new Random(seed);
            int days = 12;
            List<RecordTimeline.Entry> entries = new ArrayList<>();
            RecordTimeline timeline = RecordTimeline.empty();
            int versions = 1 + random.nextInt(14);
            for (int v = 1; v <= versions; v++) {
                Instant recorded = day(v).plusSeconds(v);
                Instant effective = random.nextInt(3) == 0 ? day(random.nextInt(days)) : recorded;
                if (random.nextInt(8) == 0) {
                    effective = day(v + 1 + random.nextInt(3)); // future-dated
                }
                Instant validTo = random.nextInt(4) == 0 ? effective.plus(Duration.ofDays(1 + random.nextInt(5))) : null;
                RecordTimeline.Entry entry = new RecordTimeline.Entry(
                        new VersionInfo(7, v, effective, validTo, recorded, 1, Operation.UPDATE, null),
                        randomPatch(random, 0));
                boolean naiveChange = naiveChange(entries, entry);
                if (!entries.isEmpty()) {
                    assertEquals(naiveChange, timeline.changedBy(entry), "seed " + seed + " version " + v + ": changedBy");
                }
                entries.add(entry);
                timeline = timeline.with(entry);
            }
            RecordTimeline bulk = RecordTimeline.of(entries); // built in one pass, as a load from the database
            for (int known = 0; known <= versions + 1; known++) {
                Instant knownAt = known == 0 ? DAY0 : day(known).plusSeconds(known);
                for (int d = -1; d <= days + 10; d++) {
                    Instant validAt = day(d);
                    Optional<RecordTimeline.State> expected = naive(entries, validAt, knownAt);
                    Optional<RecordTimeline.State> actual = timeline.at(validAt, knownAt);
                    String where = "seed " + seed + " valid day " + d + " known after version " + known;
                    assertEquals(actual, bulk.at(validAt, knownAt), where + " (built in one pass)");
                    assertEquals(expected.isPresent(), actual.isPresent(), where);
                    if (expected.isPresent()) {
                        assertEquals(expected.get().data(), actual.get().data(), where);
                        assertEquals(expected.get().newest().version(), actual.get().newest().version(), where);
                    }
                }
            }
            for (int v = 1; v <= versions; v++) {
                Instant recorded = timeline.entry(v).info().recordedAt();
                assertEquals(naive(entries, recorded, recorded).map(RecordTimeline.State::data),
                        timeline.asRecorded(v).map(RecordTimeline.State::data), "seed " + seed + " asRecorded " + v);
            }
        }
    }

    private static JsonObject randomPatch(Random random, int depth) {
        JsonObject.Builder patch = JsonObject.builder();
        for (String key : KEYS) {
            if (random.nextInt(3) != 0) {
                continue;
            }
            int kind = random.nextInt(depth < 2 ? 6 : 4);
            JsonValue value = switch (kind) {
                case 0 -> JsonNull.INSTANCE;
                case 1 -> JsonNumber.of(random.nextInt(3));
                case 2 -> JsonString.of("s" + random.nextInt(2));
                case 3 -> JsonArray.of(List.of(JsonNumber.of(random.nextInt(2))));
                case 4 -> JsonObject.empty();
                default -> randomPatch(random, depth + 1);
            };
            patch.put(key, value);
        }
        return patch.build();
    }

    /** The definition, literally: fold the applicable versions' patches in (effective_at, recorded_at) order. */
    private static Optional<RecordTimeline.State> naive(List<RecordTimeline.Entry> entries, Instant validAt, Instant knownAt) {
        List<RecordTimeline.Entry> applicable = entries.stream()
                .filter(e -> !e.info().recordedAt().isAfter(knownAt))
                .filter(e -> !e.info().effectiveAt().isAfter(validAt))
                .filter(e -> e.info().validTo() == null || e.info().validTo().isAfter(validAt))
                .sorted(Comparator.comparing((RecordTimeline.Entry e) -> e.info().effectiveAt())
                        .thenComparing(e -> e.info().recordedAt()))
                .toList();
        if (applicable.isEmpty()) {
            return Optional.empty();
        }
        JsonObject state = JsonObject.empty();
        VersionInfo newest = applicable.get(0).info();
        for (RecordTimeline.Entry e : applicable) {
            state = MergePatch.apply(state, e.patch());
            if (e.info().version() > newest.version()) {
                newest = e.info();
            }
        }
        return Optional.of(new RecordTimeline.State(newest, state));
    }

    private static boolean naiveChange(List<RecordTimeline.Entry> before, RecordTimeline.Entry candidate) {
        List<RecordTimeline.Entry> after = new ArrayList<>(before);
        after.add(candidate);
        Instant knownAt = candidate.info().recordedAt();
        // States only change where some version's period starts or ends: checking those is checking everywhere.
        java.util.TreeSet<Instant> instants = new java.util.TreeSet<>();
        for (RecordTimeline.Entry e : after) {
            instants.add(e.info().effectiveAt());
            if (e.info().validTo() != null) {
                instants.add(e.info().validTo());
            }
        }
        for (Instant instant : instants) {
            Optional<JsonObject> without = naive(before, instant, knownAt).map(RecordTimeline.State::data);
            Optional<JsonObject> with = naive(after, instant, knownAt).map(RecordTimeline.State::data);
            if (!without.equals(with)) {
                return true;
            }
        }
        return false;
    }

    /** Each parsed patch brings its own copy of every key; a timeline keeps one string per field name. */
    @Test
    void versionsShareOneStringForEachFieldNameHoweverTheTimelineIsBuilt() {
        List<RecordTimeline.Entry> entries = List.of(
                entry(1, day(0), null, day(0), "{\"premium\":1,\"contact\":{\"email\":\"a\"}}"),
                entry(2, day(1), null, day(1), "{\"premium\":2,\"contact\":{\"email\":\"b\"}}"),
                entry(3, day(2), null, day(2), "{\"premium\":3,\"contact\":{\"email\":\"c\"},\"region\":\"EU\"}"));
        RecordTimeline grown = grownVersionByVersion(entries);

        for (RecordTimeline timeline : List.of(RecordTimeline.of(entries), grown)) {
            JsonObject first = timeline.entry(1).patch();
            for (long version = 2; version <= 3; version++) {
                JsonObject patch = timeline.entry(version).patch();
                assertEquals(entries.get((int) version - 1).patch(), patch, "the same members");
                assertSame(first.members().lastKey(), patch.members().tailMap("premium").firstKey());
                assertSame(first.members().firstKey(), patch.members().firstKey());
                assertSame(((JsonObject) first.getOrNull("contact")).members().firstKey(),
                        ((JsonObject) patch.getOrNull("contact")).members().firstKey());
            }
            assertEquals(json("{\"contact\":{\"email\":\"c\"},\"premium\":3,\"region\":\"EU\"}"),
                    at(timeline, day(2), day(2)));
        }
        assertEquals(RecordTimeline.of(entries).footprint(), grown.footprint());
    }

    /**
     * A cache holds many versions: one that repeats the text its field had, names the same fields
     * as the version before, or took effect when it was recorded keeps no copy of its own.
     */
    @Test
    void versionsShareTheTextsTheyRepeatTheirFieldListsAndTheirInstantsHoweverTheTimelineIsBuilt() {
        List<RecordTimeline.Entry> entries = List.of(
                entry(1, day(0), null, day(0), "{\"note\":\"same\",\"premium\":1}"),
                entry(2, day(1), null, day(1), "{\"note\":\"same\",\"premium\":2}"),
                entry(3, day(1), null, day(2), "{\"note\":\"other\",\"premium\":3,\"region\":\"EU\"}"),
                entry(4, day(3), null, day(3), "{\"note\":\"same\",\"premium\":4,\"region\":\"EU\"}"));
        RecordTimeline grown = grownVersionByVersion(entries);
        assertNotSame(entries.get(0).patch().getOrNull("note"), entries.get(1).patch().getOrNull("note"), "two parses, two copies");

        for (RecordTimeline timeline : List.of(RecordTimeline.of(entries), grown)) {
            for (long version = 1; version <= 4; version++) {
                RecordTimeline.Entry kept = timeline.entry(version);
                RecordTimeline.Entry given = entries.get((int) version - 1);
                assertEquals(given.patch().toJson(), kept.patch().toJson(), "the same text");
                assertEquals(given.info(), kept.info(), "the same facts");
            }
            JsonObject first = timeline.entry(1).patch();
            JsonObject second = timeline.entry(2).patch();
            assertSame(first.getOrNull("note"), second.getOrNull("note"), "the text repeated");
            assertNotSame(first.getOrNull("note"), timeline.entry(4).patch().getOrNull("note"),
                    "a text shared only with the field's newest value, not searched for");
            assertSame(second, second.sharingKeysWith(first), "the same fields: one array of keys already");
            JsonObject fourth = timeline.entry(4).patch();
            assertSame(fourth, fourth.sharingKeysWith(timeline.entry(3).patch()));
            assertSame(timeline.entry(2).info().effectiveAt(), timeline.entry(2).info().recordedAt());
            assertEquals(day(1), timeline.entry(3).info().effectiveAt(), "back-dated: two instants");
            assertEquals(json("{\"note\":\"other\",\"premium\":3,\"region\":\"EU\"}"), at(timeline, day(2), day(2)));
        }
    }

    @Test
    void aTimelinesFootprintCountsAFieldNameOnlyOnce() {
        String name = "n".repeat(1_000);
        RecordTimeline one = RecordTimeline.of(List.of(entry(1, day(0), null, day(0), "{\"" + name + "\":1}")));
        RecordTimeline two = one.with(entry(2, day(1), null, day(1), "{\"" + name + "\":2}"));

        assertTrue(two.footprint() - one.footprint() < name.length(), "a version's cost without its key: "
                + (two.footprint() - one.footprint()));
    }
}
