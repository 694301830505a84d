package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Whether a window can open, asked before the toolkit loads, and the toolkit's refusals in one line. */
class DesktopCheckTest {

    private static final String NO_DISPLAY = "no display to open the workbench on (DISPLAY and WAYLAND_DISPLAY are unset);"
            + " --headless runs the server without a window";

    @Test
    void linuxWithoutADisplayIsRefusedWithTheHeadlessHint() {
        assertEquals(NO_DISPLAY, DesktopCheck.problem(system("Linux", null), Map.of()));
        assertEquals(NO_DISPLAY, DesktopCheck.problem(system("Linux", "gtk"), Map.of("DISPLAY", " ")));
    }

    @Test
    void aDisplayOrAnotherPlatformLetsTheWindowTry() {
        assertNull(DesktopCheck.problem(system("Linux", null), Map.of("DISPLAY", ":0")));
        assertNull(DesktopCheck.problem(system("Linux", null), Map.of("WAYLAND_DISPLAY", "wayland-0")));
        // The tests draw windows with headless Monocle: no display needed.
        assertNull(DesktopCheck.problem(system("Linux", "Monocle"), Map.of()));
        assertNull(DesktopCheck.problem(system("Windows 11", null), Map.of()));
        assertNull(DesktopCheck.problem(system("Mac OS X", null), Map.of()));
    }

    @Test
    void theToolkitsOwnRefusalsBecomeOneLine() {
        RuntimeException gtk = new RuntimeException("Application launch exception",
                new UnsupportedOperationException("Unable to load glass GTK library."));
        assertEquals("cannot start the desktop: the GTK 3 libraries cannot be loaded (install them: sudo apt-get install"
                + " libgtk-3-0 libxtst6); --headless runs the server without a window", DesktopCheck.toolkitProblem(gtk));

        String display = DesktopCheck.toolkitProblem(new UnsupportedOperationException("Unable to open DISPLAY"));
        assertEquals(true, display.startsWith("cannot open the display "), display);

        assertEquals("cannot start the desktop: no pipeline; --headless runs the server without a window",
                DesktopCheck.toolkitProblem(new IllegalStateException("no pipeline\n\tmore detail")));
        assertEquals("cannot start the desktop: UnsatisfiedLinkError; --headless runs the server without a window",
                DesktopCheck.toolkitProblem(new UnsatisfiedLinkError()));
    }

    private static Properties system(String os, String glass) {
        Properties system = new Properties();
        system.setProperty("os.name", os);
        if (glass != null) {
            system.setProperty("glass.platform", glass);
        }
        return system;
    }
}
