package io.timetravel.gui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Slider ticks stay readable from a handful of versions to ten thousand. */
class SliderTicksTest {

    @Test
    void aShortHistoryGetsATickPerVersion() {
        SliderTicks ticks = SliderTicks.of(20, 600);
        assertEquals(5, ticks.major());
        assertEquals(4, ticks.minorCount());
        assertEquals(new SliderTicks(1, 0), SliderTicks.of(5, 600));
    }

    @Test
    void longHistoriesGetRoundLabelledStepsThatDoNotCollide() {
        for (int count : new int[] {50, 169, 300, 1000, 2500, 10_000, 123_457}) {
            for (double width : new double[] {300, 600, 1200}) {
                SliderTicks ticks = SliderTicks.of(count, width);
                double pixelsPerPosition = width / (count - 1);
                assertTrue(ticks.major() * pixelsPerPosition >= SliderTicks.LABEL_ROOM || ticks.major() >= count - 1,
                        count + " in " + width + ": labels " + ticks.major() * pixelsPerPosition + " px apart");
                double minorGap = ticks.major() / (ticks.minorCount() + 1) * pixelsPerPosition;
                assertTrue(minorGap >= SliderTicks.TICK_ROOM, count + " in " + width + ": minor ticks " + minorGap + " px apart");
                String leading = String.valueOf((long) ticks.major()).replaceAll("0+$", "");
                assertTrue(leading.equals("1") || leading.equals("2") || leading.equals("5"), "round step " + ticks.major());
            }
        }
        assertEquals(1000, SliderTicks.of(10_000, 600).major());
    }
}
