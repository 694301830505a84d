package io.timetravel.gui.timeline;

import io.timetravel.domain.Operation;
import io.timetravel.domain.VersionInfo;
import io.timetravel.gui.TimeAxis;
import java.util.ArrayList;
import java.util.List;

/**
 * The version markers under the timeline's slider, one per version, in (fractional) positions
 * of the current axis: a filled marker where the version takes effect and, when it was learned
 * at another instant (back-dated or future-dated), a hollow one where it was learned, the two
 * joined. On the transaction axis the version's own position is where it was learned; on the
 * valid axis, where it takes effect.
 *
 * @param version   the version
 * @param operation how it was made (the marker's colour)
 * @param filledAt  where it takes effect, as a fractional position 1..n
 * @param hollowAt  where it was learned, when that differs; else {@link Double#NaN}
 */
record AxisMarks(long version, Operation operation, double filledAt, double hollowAt) {

    /** The markers of every version, in position order. */
    static List<AxisMarks> of(TimelinePositions positions) {
        List<AxisMarks> marks = new ArrayList<>(positions.size());
        boolean transaction = positions.axis() == TimeAxis.TRANSACTION;
        for (int p = 1; p <= positions.size(); p++) {
            VersionInfo version = positions.at(p);
            boolean apart = !version.effectiveAt().equals(version.recordedAt());
            double filled = p;
            double hollow = Double.NaN;
            if (apart && transaction) {
                filled = positions.fractionalPosition(version.effectiveAt());
                hollow = p;
            } else if (apart) {
                hollow = positions.fractionalPosition(version.recordedAt());
            }
            marks.add(new AxisMarks(version.version(), version.operation(), filled, hollow));
        }
        return marks;
    }

    boolean learnedApart() {
        return !Double.isNaN(hollowAt);
    }
}
