package io.timetravel.gui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.Operation;
import io.timetravel.domain.RecordTimeline;
import io.timetravel.domain.VersionInfo;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.gui.timeline.BitemporalRegions.Region;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The map's rectangles against the store's own rule: on random small histories with
 * back-dated, future-dated and bounded versions, every point of the plane (every cell of the
 * grid of instants the history names, and the instants between and beyond them) lies in
 * exactly one rectangle when {@code RecordTimeline.at} names a version there, that
 * rectangle's, and in none when it names none.
 */
class BitemporalRegionsTest {

    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");
    private static final long MINUTE = 60_000_000L;

    @Test
    void everyPointOfThePlaneMapsToTheVersionTheStoreAnswersThere() {
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            List<RecordTimeline.Entry> entries = randomHistory(random, 1 + random.nextInt(9));
            List<VersionInfo> versions = entries.stream().map(RecordTimeline.Entry::info).toList();
            RecordTimeline timeline = RecordTimeline.of(entries);
            BitemporalRegions plane = BitemporalRegions.of(versions);
            for (long valid : probes(versions, true)) {
                for (long known : probes(versions, false)) {
                    long expected = timeline.at(BitemporalRegions.instant(valid), BitemporalRegions.instant(known))
                            .map(state -> state.newest().version()).orElse(0L);
                    List<Region> holding = plane.regions().stream().filter(r -> r.contains(valid, known)).toList();
                    String where = "seed " + seed + " valid " + valid + " known " + known;
                    if (expected == 0) {
                        assertTrue(holding.isEmpty(), where + ": no version answers, yet " + holding);
                        assertNull(plane.versionAt(valid, known), where);
                    } else {
                        assertEquals(1, holding.size(), where + ": " + holding);
                        assertEquals(expected, holding.get(0).version().version(), where);
                        assertEquals(expected, plane.versionAt(valid, known).version(), where);
                    }
                }
            }
        }
    }

    @Test
    void aBackDatedCorrectionOwnsTheRectangleFromItsEffectiveTimeAsKnownFromItsRecording() {
        // v1 from Jan 1 (recorded Jan 1); v2 recorded Mar 1, back-dated to Feb 1.
        List<VersionInfo> versions = List.of(
                info(1, at(0), null, at(0), Operation.CREATE),
                info(2, at(31 * 24 * 60), null, at(59 * 24 * 60), Operation.UPDATE));
        BitemporalRegions plane = BitemporalRegions.of(versions);
        long feb = micros(at(31 * 24 * 60));
        long mar = micros(at(59 * 24 * 60));
        assertEquals(2, plane.versionAt(feb + MINUTE, mar).version(), "from Feb 1 as known since Mar 1");
        assertEquals(1, plane.versionAt(feb + MINUTE, mar - MINUTE).version(), "as known before Mar 1, v1 held");
        assertEquals(1, plane.versionAt(feb - MINUTE, mar + MINUTE).version(), "before Feb 1, v1 still holds");
        Region corrected = plane.regionAt(feb + MINUTE, mar + MINUTE);
        assertEquals(feb, corrected.validFrom());
        assertEquals(mar, corrected.knownFrom());
        assertEquals(BitemporalRegions.OPEN, corrected.validTo());
        assertEquals(BitemporalRegions.OPEN, corrected.knownTo());
    }

    @Test
    void aBoundedVersionEndsWhereItsPeriodEndsAndTheOldAnswerComesBack() {
        List<VersionInfo> versions = List.of(
                info(1, at(0), null, at(0), Operation.CREATE),
                info(2, at(100), at(200), at(50), Operation.UPDATE));
        BitemporalRegions plane = BitemporalRegions.of(versions);
        assertEquals(2, plane.versionAt(micros(at(150)), micros(at(60))).version());
        assertEquals(1, plane.versionAt(micros(at(200)), micros(at(60))).version(), "valid_to is exclusive");
        assertNull(plane.versionAt(micros(at(-1)), micros(at(60))), "before the record began nothing answers");
    }

    @Test
    void tenThousandVersionsGiveAtMostThreeRectanglesEach() {
        Random random = new Random(11);
        List<VersionInfo> versions = new ArrayList<>();
        for (int v = 1; v <= 10_000; v++) {
            Instant recorded = at(v * 60);
            Instant effective = random.nextInt(10) == 0 ? at(v * 60 - random.nextInt(5000)) : recorded;
            Instant validTo = random.nextInt(20) == 0 ? effective.plusSeconds(3600 + random.nextInt(100_000)) : null;
            versions.add(info(v, effective, validTo, recorded, v == 1 ? Operation.CREATE : Operation.UPDATE));
        }
        BitemporalRegions plane = BitemporalRegions.of(versions);
        assertTrue(plane.regions().size() <= 3 * versions.size(), "rectangles: " + plane.regions().size());
        assertEquals(10_000, plane.versionAt(micros(at(10_000 * 60)), micros(at(10_000 * 60))).version());
    }

    @Test
    void theArrowKeysMoveToTheNextCellWithAnotherVersion() {
        // v1 all along from 0; v2 from 100 recorded at 100; v3 from 200 recorded at 300.
        List<VersionInfo> versions = List.of(
                info(1, at(0), null, at(0), Operation.CREATE),
                info(2, at(100), null, at(100), Operation.UPDATE),
                info(3, at(200), null, at(300), Operation.UPDATE));
        BitemporalRegions plane = BitemporalRegions.of(versions);
        long known = micros(at(400));
        long right = plane.move(micros(at(10)), known, true, 1, 100);
        assertEquals(micros(at(100)), right, "from v1 right to where v2 starts");
        assertEquals(micros(at(200)), plane.move(right, known, true, 1, 100), "then to v3");
        assertEquals(micros(at(200)), plane.move(micros(at(200)), known, true, 1, 100), "nothing further right: stays");
        long up = plane.move(micros(at(250)), known, false, -1, 100);
        assertEquals(micros(at(100)), up, "up from v3 (known from 300) to v2's answer there");
        assertNotEquals(plane.versionAt(micros(at(250)), known), plane.versionAt(micros(at(250)), up));
    }

    // ---- histories ----

    private static List<RecordTimeline.Entry> randomHistory(Random random, int count) {
        List<RecordTimeline.Entry> entries = new ArrayList<>();
        int recorded = 0;
        for (int v = 1; v <= count; v++) {
            recorded += 1 + random.nextInt(20);
            int effective = switch (random.nextInt(4)) {
                case 0 -> recorded - random.nextInt(60); // back-dated
                case 1 -> recorded + random.nextInt(30); // future-dated
                default -> recorded;
            };
            Instant validTo = random.nextInt(3) == 0 ? at(effective + 1 + random.nextInt(40)) : null;
            JsonObject patch = JsonObject.builder().put("k" + random.nextInt(3), v).build();
            entries.add(new RecordTimeline.Entry(info(v, at(effective), validTo, at(recorded),
                    v == 1 ? Operation.CREATE : Operation.UPDATE), patch));
        }
        return entries;
    }

    /** Every instant the history names on one axis, a minute either side, and far before and after. */
    private static TreeSet<Long> probes(List<VersionInfo> versions, boolean valid) {
        TreeSet<Long> probes = new TreeSet<>();
        for (VersionInfo version : versions) {
            List<Instant> instants = new ArrayList<>(List.of(version.effectiveAt(), version.recordedAt()));
            if (version.validTo() != null) {
                instants.add(version.validTo());
            }
            for (Instant instant : instants) {
                long t = micros(instant);
                probes.add(t - MINUTE);
                probes.add(t);
                probes.add(t + 1);
            }
        }
        probes.add(micros(at(-10_000)));
        probes.add(micros(at(100_000)));
        return probes;
    }

    private static VersionInfo info(long version, Instant effective, Instant validTo, Instant recorded, Operation operation) {
        return new VersionInfo(7, version, effective, validTo, recorded, 1, operation, null);
    }

    private static Instant at(int minutes) {
        return ORIGIN.plusSeconds(minutes * 60L);
    }

    private static long micros(Instant instant) {
        return BitemporalRegions.micros(instant);
    }
}
