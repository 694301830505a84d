package io.timetravel.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Where the window opens the first time: the preferred size when there is room, most of a smaller screen else. */
class WindowPlacementTest {

    @Test
    void aLargeScreenGetsThePreferredSizeCentred() {
        UserPreferences.WindowBounds first = WindowPlacement.firstBounds(0, 0, 1920, 1040);

        assertEquals(new UserPreferences.WindowBounds(240, 70, 1440, 900, false), first);
    }

    @Test
    void aSmallScreenGetsMostOfItNeverMore() {
        UserPreferences.WindowBounds first = WindowPlacement.firstBounds(100, 20, 1280, 760);

        assertEquals(1216, first.width(), 0.001);
        assertEquals(722, first.height(), 0.001);
        assertEquals(100 + 32, first.x(), 0.001);
        assertEquals(20 + 19, first.y(), 0.001);
    }

    @Test
    void theWindowIsRememberedBetweenRuns() {
        UserPreferences preferences = UserPreferences.inMemory(1);
        UserPreferences.WindowBounds bounds = new UserPreferences.WindowBounds(10, 20, 1300, 820, true);

        preferences.setWindowBounds(bounds);

        assertEquals(bounds, preferences.windowBounds().orElseThrow());
    }
}
