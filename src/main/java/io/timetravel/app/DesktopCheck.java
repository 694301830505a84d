package io.timetravel.app;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Whether the desktop workbench can open a window here, asked before anything else starts (the
 * logs, the database), and what to say, in one line, when the toolkit itself refuses to start.
 * Uses no JavaFX class: the answer must come before the toolkit loads.
 */
final class DesktopCheck {

    /** The Debian packages JavaFX's GTK glass links against and a minimal system lacks. */
    static final String GTK_PACKAGES = "libgtk-3-0 libxtst6";
    private static final String HEADLESS_HINT = "--headless runs the server without a window";

    private DesktopCheck() {
    }

    /**
     * Why no window can open, or {@code null} when one may: on Linux and other X11/Wayland systems
     * a display must be named, unless JavaFX is told to draw on another platform (the tests'
     * headless Monocle: {@code -Dglass.platform=Monocle}).
     *
     * @param system the JVM's system properties (the ones JavaFX itself reads)
     * @param env    the process environment
     */
    static String problem(Properties system, Map<String, String> env) {
        String glass = system.getProperty("glass.platform");
        if (glass != null && !glass.isBlank() && !glass.equalsIgnoreCase("gtk")) {
            return null;
        }
        String os = system.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac")) {
            return null;
        }
        if (isSet(env.get("DISPLAY")) || isSet(env.get("WAYLAND_DISPLAY"))) {
            return null;
        }
        return "no display to open the workbench on (DISPLAY and WAYLAND_DISPLAY are unset); " + HEADLESS_HINT;
    }

    /**
     * The one line for the toolkit's own failure to start ({@code Unable to open DISPLAY},
     * {@code Unable to load glass GTK library}, ...), found anywhere in {@code failure}'s causes.
     */
    static String toolkitProblem(Throwable failure) {
        String first = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message == null) {
                continue;
            }
            if (message.contains("GTK")) {
                return "cannot start the desktop: the GTK 3 libraries cannot be loaded (install them: sudo apt-get install "
                        + GTK_PACKAGES + "); " + HEADLESS_HINT;
            }
            if (message.contains("DISPLAY")) {
                return "cannot open the display " + displayName() + "; " + HEADLESS_HINT;
            }
            if (first == null) {
                first = message.strip();
            }
        }
        return "cannot start the desktop: " + (first == null ? failure.getClass().getSimpleName() : oneLine(first))
                + "; " + HEADLESS_HINT;
    }

    private static String displayName() {
        String display = System.getenv("DISPLAY");
        String wayland = System.getenv("WAYLAND_DISPLAY");
        if (isSet(display)) {
            return "DISPLAY=" + display;
        }
        return isSet(wayland) ? "WAYLAND_DISPLAY=" + wayland : "(DISPLAY is unset)";
    }

    private static String oneLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).strip();
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
