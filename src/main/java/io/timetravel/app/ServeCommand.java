package io.timetravel.app;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/** {@code serve} (or {@code --headless}): the record store and the HTTP listener, no window. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serves the HTTP API without a window (no JavaFX is loaded) until Ctrl-C or SIGTERM,"
                + " then closes cleanly. The same as --headless.",
            "Options given before the command count too; those after it win."})
final class ServeCommand extends AppModeCommand {

    private static final System.Logger LOG = System.getLogger(ServeCommand.class.getName());

    @Override
    public Options options() {
        if (root().noListen) {
            throw new ParameterException(spec.commandLine(), "--no-listen makes no sense in headless mode");
        }
        return options("serve", true);
    }

    @Override
    public Integer call() {
        return serve(options(), root().err());
    }

    /**
     * Serves until the process is told to stop (Ctrl-C, SIGTERM), then closes cleanly. An address
     * that cannot be bound is refused with status 2 before the logs or the database are touched.
     */
    static int serve(Options options, PrintStream err) {
        String cannotListen = AppContext.cannotListen(options);
        if (cannotListen != null) {
            err.println("error: " + cannotListen);
            return 2;
        }
        LogSetup.AsyncLineHandler logs = LogSetup.open(options.logDir(), err);
        if (logs == null) {
            return 1;
        }
        AppContext context = openContext(options);
        if (context == null) {
            logs.close();
            return 1;
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
                + " with database " + context.database().describe());
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
}
