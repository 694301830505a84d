package io.timetravel.app;

import java.util.Locale;

/**
 * Whether the HTTP API asks for credentials ({@code --auth tokens|off}). An enum rather than a
 * string so that the code that enforces it switches over two known cases.
 */
public enum AuthMode {

    /** Every API request needs a valid token. */
    TOKENS,

    /** Anyone who reaches the listener may use the API: allowed only on a loopback address. */
    OFF;

    /** {@code off} where only this machine can connect, {@code tokens} everywhere else. */
    public static AuthMode defaultFor(String bind) {
        return Options.isLoopback(bind) ? OFF : TOKENS;
    }

    /** Reads {@code tokens} or {@code off}, in any case. */
    public static AuthMode parse(String text) {
        for (AuthMode mode : values()) {
            if (mode.label().equalsIgnoreCase(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is neither tokens nor off");
    }

    /** The spelling on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
