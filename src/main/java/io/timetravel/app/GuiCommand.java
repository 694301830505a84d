package io.timetravel.app;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code gui}: the desktop workbench with its HTTP listener; what runs without a command. Names
 * no JavaFX class (only {@link DesktopBridge} does), so headless runs never load the toolkit.
 */
@Command(name = "gui", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Opens the Timetravel workbench (a desktop window) and starts its HTTP listener; if the"
                + " address is taken the window opens anyway and says so.",
            "Options given before the command count too; those after it win."})
final class GuiCommand extends AppModeCommand {

    private static final System.Logger LOG = System.getLogger(GuiCommand.class.getName());

    @Option(names = "--no-listen", description = "do not start the HTTP listener")
    boolean noListen;

    @Override
    public Options options() {
        if (root().headless) {
            throw new ParameterException(spec.commandLine(), "--headless contradicts the gui command");
        }
        return options("gui", !(noListen || root().noListen));
    }

    @Override
    public Integer call() {
        return open(options(), root().err());
    }

    /**
     * Opens the window and returns its exit status when it is closed; 2, with one line on {@code err},
     * when no window can open here: without a display before the logs or the database are touched,
     * when the toolkit refuses to start (no GTK, a display that cannot be opened) before the database is.
     */
    static int open(Options options, PrintStream err) {
        String noDesktop = DesktopCheck.problem(System.getProperties(), System.getenv());
        if (noDesktop != null) {
            err.println("error: " + noDesktop);
            return 2;
        }
        LogSetup.AsyncLineHandler logs = LogSetup.open(options.logDir(), err);
        if (logs == null) {
            return 1;
        }
        try {
            return desktop(options, logs, err);
        } finally {
            logs.close();
        }
    }

    /**
     * Shows the window at once and opens the database behind it (the window shows progress, or why
     * the database cannot be opened); closes everything when the window closes.
     */
    private static int desktop(Options options, LogSetup.AsyncLineHandler logs, PrintStream err) {
        AtomicReference<AppContext> opened = new AtomicReference<>();
        AtomicBoolean toolkitStarted = new AtomicBoolean();
        // Ctrl-C in the terminal, SIGTERM or a logout end the process without closing the window:
        // the database closes all the same, so SQLite checkpoints and removes its -wal and -shm files.
        Thread shutdown = new Thread(() -> {
            AppContext context = opened.get();
            if (context != null) {
                LOG.log(System.Logger.Level.INFO, "shutting down");
                context.close();
            }
            logs.close();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            try {
                DesktopBridge.launch(options.target().describe(), () -> {
                    toolkitStarted.set(true);
                    return openBehindWindow(options, opened);
                });
            } catch (RuntimeException | LinkageError e) {
                if (toolkitStarted.get()) {
                    throw e;
                }
                // The toolkit refused to start (no display, no GTK): one line, the database untouched.
                logs.flush();
                err.println("error: " + DesktopCheck.toolkitProblem(e));
                return 2;
            }
            return opened.get() == null ? 1 : 0;
        } finally {
            if (opened.get() != null) {
                opened.get().close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(shutdown);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook runs or ran; closing twice is harmless.
            }
        }
    }

    /** Opens the database once the window's toolkit is up; --demo's sample data loads later, in the open window. */
    private static AppContext openBehindWindow(Options options, AtomicReference<AppContext> opened) {
        AppContext context = openLogged(options);
        opened.set(context);
        listen(context, options);
        return context;
    }

    /** Starts the listener if asked; the workbench is useful without it, and says why it is off. */
    private static void listen(AppContext context, Options options) {
        if (!options.listen()) {
            return;
        }
        try {
            context.startListener();
            LOG.log(System.Logger.Level.INFO, "listening on " + context.listenerUrl());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, context.listenerProblem());
        }
    }
}
