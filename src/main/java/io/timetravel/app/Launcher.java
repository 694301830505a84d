package io.timetravel.app;

import java.io.PrintStream;
import java.util.Properties;

/**
 * The program's entry point: runs the command line ({@link TimetravelCommand}) and exits with its
 * status. A plain class, not a JavaFX {@code Application}, so that headless mode never loads the
 * JavaFX toolkit.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        // A server stopped by Ctrl-C or SIGTERM returns from inside the JVM's shutdown, where
        // System.exit would block; the exit status is then the signal's.
        if (!shuttingDown()) {
            System.exit(status);
        }
    }

    /** Runs the command and returns its exit status (desktop and server return when they stop). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(System.getProperties(), args, out, err);
    }

    /** {@link #run(String[], PrintStream, PrintStream)} with the defaults that {@code system} makes. */
    static int run(Properties system, String[] args, PrintStream out, PrintStream err) {
        return TimetravelCommand.commandLine(system, out, err).execute(args);
    }

    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
