package io.timetravel.app;

import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What {@code gui} and {@code serve} share: the {@link ServerOptions}, combined with those given
 * before the command, and opening the application. Other commands take no options before them.
 */
abstract class AppModeCommand implements Callable<Integer>, OptionsCommand {

    private static final System.Logger LOG = System.getLogger(AppModeCommand.class.getName());

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    TimetravelCommand root() {
        return TimetravelCommand.root(spec);
    }

    /** This command's options over those given before it, over the defaults. */
    Options options(String command, boolean listen) {
        TimetravelCommand root = root();
        return server.over(root.server).toOptions(command, listen, root.system(), spec);
    }

    /**
     * Opens the database and loads the sample data if asked; logs why and returns {@code null}
     * when the database cannot be opened.
     */
    static AppContext openContext(Options options) {
        AppContext context;
        try {
            context = openLogged(options);
        } catch (RuntimeException e) {
            return null;
        }
        if (options.demo()) {
            context.loadSampleDataIfEmpty();
        }
        return context;
    }

    /** Opens the database and builds the services; logs why it cannot, and throws. */
    static AppContext openLogged(Options options) {
        try {
            return AppContext.open(options, Clock.systemUTC());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot open the database: " + e.getMessage());
            throw e;
        }
    }
}
