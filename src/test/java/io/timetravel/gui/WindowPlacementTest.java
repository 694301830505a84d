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

    @Test
    void aWindowRememberedOnALargerScreenOpensWhollyOnThisOne() {
        UserPreferences.WindowBounds remembered = new UserPreferences.WindowBounds(32, 62, 1440, 900, false);

        UserPreferences.WindowBounds fitted = WindowPlacement.fitted(remembered, 0, 0, 1280, 800);

        assertEquals(new UserPreferences.WindowBounds(0, 0, 1280, 800, false), fitted);
    }

    @Test
    void aWindowThatFitsIsMovedOnlyAsFarAsItMustBe() {
        UserPreferences.WindowBounds inside = new UserPreferences.WindowBounds(100, 50, 1000, 600, true);
        UserPreferences.WindowBounds hanging = new UserPreferences.WindowBounds(600, 400, 1000, 600, false);

        assertEquals(inside, WindowPlacement.fitted(inside, 0, 0, 1280, 800));
        assertEquals(new UserPreferences.WindowBounds(280, 200, 1000, 600, false), WindowPlacement.fitted(hanging, 0, 0, 1280, 800));
    }
}
