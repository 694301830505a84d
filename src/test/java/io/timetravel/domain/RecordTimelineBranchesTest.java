package io.timetravel.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.timetravel.domain.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Timelines made from one another share their arrays (decision 0042): whatever order versions are
 * added to which timeline in, and whatever {@link RecordTimeline#changedBy} tried on the way,
 * every timeline answers exactly what one built in a single pass from its own versions answers.
 */
class RecordTimelineBranchesTest {

    private static final Instant DAY0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] KEYS = {"premium", "name", "note"};

    private static Instant day(int n) {
        return DAY0.plus(Duration.ofDays(n));
    }

    /** A timeline and the versions it was made of. */
    private record Branch(RecordTimeline timeline, List<RecordTimeline.Entry> entries) {
    }

    private static RecordTimeline.Entry randomEntry(Random random, int version) {
        Instant recorded = day(version).plusSeconds(version);
        Instant effective = random.nextInt(4) == 0 ? day(random.nextInt(version + 1)) : recorded; // back-dated now and then
        Instant validTo = random.nextInt(5) == 0 ? effective.plus(Duration.ofDays(1 + random.nextInt(4))) : null;
        JsonObject.Builder patch = JsonObject.builder();
        for (String key : KEYS) {
            if (random.nextBoolean()) {
                patch.put(key, random.nextInt(4) == 0 ? JsonObject.builder().put("n", random.nextInt(5)).build()
                        : io.timetravel.domain.json.JsonNumber.of(random.nextInt(5)));
            }
        }
        return new RecordTimeline.Entry(new VersionInfo(9, version, effective, validTo, recorded, 1,
                version == 1 ? Operation.CREATE : Operation.UPDATE, null), patch.build());
    }

    @Test
    void everyBranchAnswersAsItsOwnVersionsBuiltInOnePass() {
        for (long seed = 1; seed <= 30; seed++) {
            Random random = new Random(seed);
            List<Branch> branches = new ArrayList<>();
            branches.add(new Branch(RecordTimeline.empty(), List.of()));
            for (int step = 0; step < 120; step++) {
                Branch from = branches.get(random.nextInt(branches.size()));
                RecordTimeline.Entry entry = randomEntry(random, from.timeline().size() + 1);
                if (!from.entries().isEmpty() && random.nextBoolean()) {
                    // A trial that is dropped, as a write that changes nothing leaves it.
                    from.timeline().changedBy(randomEntry(random, from.timeline().size() + 1));
                }
                List<RecordTimeline.Entry> entries = new ArrayList<>(from.entries());
                entries.add(entry);
                branches.add(new Branch(from.timeline().with(entry), List.copyOf(entries)));
            }
            for (Branch branch : branches) {
                RecordTimeline expected = RecordTimeline.of(branch.entries());
                RecordTimeline actual = branch.timeline();
                String where = "seed " + seed + ", a branch of " + branch.entries().size() + " versions";
                assertEquals(expected.size(), actual.size(), where);
                assertEquals(branch.entries(), actual.entries(), where);
                for (int known = 0; known <= actual.size() + 1; known++) {
                    for (int valid = -1; valid <= actual.size() + 6; valid++) {
                        assertEquals(expected.at(day(valid), day(known).plusSeconds(known)),
                                actual.at(day(valid), day(known).plusSeconds(known)), where + ", valid " + valid + ", known " + known);
                    }
                }
            }
        }
    }
}
