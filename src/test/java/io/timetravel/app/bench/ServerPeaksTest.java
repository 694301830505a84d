package io.timetravel.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ServerPeaksTest {

    @Test
    void theLargestPeakIsTheFigureAndEachServersIsInTheNote() {
        ServerPeaks peaks = new ServerPeaks();
        peaks.add("reads", OptionalLong.of(279_400_000L));
        peaks.add("small writes", OptionalLong.of(240_000_000L));
        peaks.add("10 KB records", OptionalLong.of(231_200_000L));

        Figure figure = peaks.figure();

        assertEquals(279.4, figure.value(), 1e-9);
        assertEquals("MB", figure.unit());
        assertFalse(figure.pass());
        assertEquals("by server: reads 279 MB, small writes 240 MB, 10 KB records 231 MB", figure.note());
    }

    @Test
    void underTheLimitPassesAndAServerWithoutAFigureIsLeftOut() {
        ServerPeaks peaks = new ServerPeaks();
        peaks.add("reads", OptionalLong.of(250_400_000L));
        peaks.add("small writes", OptionalLong.empty());

        Figure figure = peaks.figure();

        assertTrue(figure.pass());
        assertEquals("by server: reads 250 MB", figure.note());
    }

    @Test
    void theLimitIs256MillionBytesAndReachingItFails() {
        ServerPeaks under = new ServerPeaks();
        under.add("reads", OptionalLong.of(255_999_999L));
        ServerPeaks at = new ServerPeaks();
        at.add("reads", OptionalLong.of(256_000_000L));

        assertTrue(under.figure().pass());
        assertFalse(at.figure().pass());
    }

    @Test
    void withoutProcNothingIsMeasuredAndTheTargetIsNotMet() {
        ServerPeaks peaks = new ServerPeaks();
        peaks.add("reads", OptionalLong.empty());

        Figure figure = peaks.figure();

        assertEquals(0.0, figure.value());
        assertFalse(figure.pass());
        assertEquals("no /proc here: not measured", figure.note());
    }
}
