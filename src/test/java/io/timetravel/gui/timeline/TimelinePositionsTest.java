package io.timetravel.gui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.timetravel.domain.Operation;
import io.timetravel.domain.VersionInfo;
import io.timetravel.gui.TimeAxis;
import io.timetravel.gui.timeline.TimelinePositions.PeriodMark;
import io.timetravel.gui.timeline.TimelinePositions.StatePoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layout of versions on both axes, without a store: state points, what was in effect, period marks. */
class TimelinePositionsTest {

    private static Instant day(int day) {
        return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(86_400L * (day - 1));
    }

    /** Version {@code number} recorded on {@code recorded}, true from {@code effective} until {@code validTo} (0: open). */
    private static VersionInfo version(long number, int recorded, int effective, int validTo) {
        return new VersionInfo(1, number, day(effective), validTo == 0 ? null : day(validTo), day(recorded), 7,
                number == 1 ? Operation.CREATE : Operation.UPDATE, null);
    }

    /**
     * v1 recorded day 10, true only from day 20 (created in the future); v2 recorded day 12, days
     * 5 to 8 (ended before it was recorded); v3 recorded day 25, days 22 to 30; v4 recorded day 40,
     * days 31 to 35 (ended, but v1 still holds).
     */
    private static final List<VersionInfo> HISTORY = List.of(version(1, 10, 20, 0), version(2, 12, 5, 8),
            version(3, 25, 22, 30), version(4, 40, 31, 35));

    private static List<Boolean> inEffect(TimelinePositions positions) {
        List<Boolean> inEffect = new ArrayList<>();
        for (int p = 1; p <= positions.size(); p++) {
            inEffect.add(positions.inEffectAt(p));
        }
        return inEffect;
    }

    @Test
    void onTheTransactionAxisAPositionIsItsVersionAsRecorded() {
        TimelinePositions positions = new TimelinePositions(TimeAxis.TRANSACTION, HISTORY);

        assertEquals(new StatePoint(day(25), day(25), 3), positions.pointAt(3));
        // Day 10: v1 starts on day 20. Day 12: v2 had ended. Day 25 and 40: v1 holds.
        assertEquals(List.of(false, false, true, true), inEffect(positions));
        assertEquals(List.of(new PeriodMark(2, 2), new PeriodMark(3, 3), new PeriodMark(4, 4)), positions.periodMarks());
    }

    @Test
    void onTheValidAxisAPositionIsTheFoldAtItsEffectiveInstantAsKnownNow() {
        TimelinePositions positions = new TimelinePositions(TimeAxis.VALID, HISTORY);

        assertEquals(List.of(2L, 1L, 3L, 4L), List.of(positions.at(1).version(), positions.at(2).version(),
                positions.at(3).version(), positions.at(4).version()));
        assertEquals(new StatePoint(day(22), day(40), 0), positions.pointAt(3), "known when the newest version was recorded");
        assertEquals(List.of(true, true, true, true), inEffect(positions));
        assertEquals(3, positions.positionOf(3));
        // v2 ends on day 8, 3 of the 15 days from its day 5 to v1's day 20; v3 on day 30, 8 of the 9
        // days to v4's day 31; v4 on day 35, after the last position.
        assertEquals(List.of(new PeriodMark(1, 1 + 3 / 15.0), new PeriodMark(3, 3 + 8 / 9.0), new PeriodMark(4, 4)),
                positions.periodMarks());
        // Between the positions before and at v1 (day 20), v2 ended; before v4 (day 31), v3 did.
        assertEquals(List.of(), positions.endedBefore(1));
        assertEquals(List.of(HISTORY.get(1)), positions.endedBefore(2));
        assertEquals(List.of(), positions.endedBefore(3));
        assertEquals(List.of(HISTORY.get(2)), positions.endedBefore(4));
        assertEquals(List.of(), new TimelinePositions(TimeAxis.TRANSACTION, HISTORY).endedBefore(4));
    }

    @Test
    void versionsEffectiveAtTheSameInstantShareAStatePoint() {
        List<VersionInfo> tied = List.of(version(1, 1, 1, 0), version(2, 3, 2, 0), version(3, 4, 2, 0), version(4, 5, 2, 0));
        TimelinePositions positions = new TimelinePositions(TimeAxis.VALID, tied);

        assertEquals(positions.pointAt(2), positions.pointAt(4));
        assertEquals(2, positions.sameInstant(3)[0]);
        assertEquals(4, positions.sameInstant(3)[1]);
        assertEquals(1, positions.sameInstant(1)[1]);
        assertEquals(4, positions.lastAtOrBefore(day(3)));
        assertEquals(0, positions.lastAtOrBefore(day(1).minusSeconds(1)));
    }
}
