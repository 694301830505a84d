package io.timetravel.app;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
        String missing = missingLibraries(Launcher.class.getClassLoader(), codeLocation());
        if (missing != null) {
            System.err.println("error: " + missing);
            System.exit(2);
        }
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

    /** The first library class the command line needs; the jar's manifest finds it in {@code lib/}. */
    static final String FIRST_DEPENDENCY = "picocli.CommandLine";

    /**
     * Why the libraries the program needs cannot be loaded (the jar copied without its {@code lib/}
     * folder, say), naming where they are expected, or {@code null} when they can. Uses JDK classes
     * only: it runs before any library is touched.
     *
     * @param loader   the loader of the program's classes
     * @param location the jar (or class folder) the program runs from, or {@code null} if unknown
     */
    static String missingLibraries(ClassLoader loader, Path location) {
        try {
            Class.forName(FIRST_DEPENDENCY, false, loader);
            return null;
        } catch (ClassNotFoundException | LinkageError e) {
            if (location != null && Files.isRegularFile(location)) {
                Path lib = location.toAbsolutePath().resolveSibling("lib");
                String found = Files.isDirectory(lib) ? lib + " lacks " + FIRST_DEPENDENCY : lib + " is missing";
                return location.getFileName() + " needs its lib/ folder beside it: " + found
                        + " (copy target/lib/ along with the jar; the build makes both)";
            }
            return "the class path lacks the libraries (" + FIRST_DEPENDENCY + " not found): run java -jar target/timetravel.jar,"
                    + " with target/lib/ beside it";
        }
    }

    private static Path codeLocation() {
        try {
            java.security.CodeSource source = Launcher.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (java.net.URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
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
