package io.timetravel.app;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * The program's entry point: parses the command line and starts the desktop workbench or the
 * headless server. A plain class, not a JavaFX {@code Application}, so that headless mode never
 * loads the JavaFX toolkit.
 */
public final class Launcher {

    private static final System.Logger LOG = System.getLogger(Launcher.class.getName());

    private Launcher() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0 || !"serve".equals(commandOf(args))) {
            System.exit(status);
        }
    }

    private static String commandOf(String[] args) {
        try {
            return Options.parse(args).command();
        } catch (IllegalArgumentException e) {
            return "invalid";
        }
    }

    /** Runs and returns the exit code (desktop and server modes return when they stop). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println();
            err.print(Options.USAGE);
            return 2;
        }
        if ("help".equals(options.command())) {
            out.print(Options.USAGE);
            return 0;
        }
        if ("rebuild".equals(options.command())) {
            LogSetup.warningsOnly(err);
            return RebuildCommand.run(options, out, err);
        }
        LogSetup.AsyncLineHandler logs;
        try {
            logs = LogSetup.configure(options.logDir(), err);
        } catch (IOException e) {
            err.println("error: cannot write logs to " + options.logDir() + ": " + e.getMessage());
            return 1;
        }
        if (options.headless()) {
            return serve(options, logs);
        }
        try {
            return desktop(options);
        } finally {
            logs.close();
        }
    }

    /** Serves until the process is told to stop (Ctrl-C, SIGTERM), then closes cleanly. */
    private static int serve(Options options, LogSetup.AsyncLineHandler logs) {
        AppContext context;
        try {
            context = AppContext.open(options, Clock.systemUTC());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot open the database: " + e.getMessage());
            logs.close();
            return 1;
        }
        if (options.demo()) {
            context.loadSampleDataIfEmpty();
        }
        try {
            context.startListener();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, context.listenerProblem());
            context.close();
            logs.close();
            return 1;
        }
        LOG.log(System.Logger.Level.INFO, "Timetravel " + AppContext.version() + " serving " + context.listenerUrl()
                + " with database " + context.database().file());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            LOG.log(System.Logger.Level.INFO, "shutting down");
            context.close();
            logs.close();
            stopped.countDown();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Reached only while the JVM is already shutting down; the exit status is the signal's.
        return 0;
    }

    private static int desktop(Options options) {
        AppContext context;
        try {
            context = AppContext.open(options, Clock.systemUTC());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot open the database: " + e.getMessage());
            return 1;
        }
        if (options.demo()) {
            context.loadSampleDataIfEmpty();
        }
        if (options.listen()) {
            try {
                context.startListener();
                LOG.log(System.Logger.Level.INFO, "listening on " + context.listenerUrl());
            } catch (IOException e) {
                // The workbench is useful without the listener: report it in the window, go on.
                LOG.log(System.Logger.Level.WARNING, context.listenerProblem());
            }
        }
        try {
            DesktopBridge.launch(context);
            return 0;
        } finally {
            context.close();
        }
    }
}
