package io.timetravel.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The command line: how to start, where the database and logs are, where to listen.
 *
 * @param command   {@code gui} (default), {@code serve} (= {@code --headless}), {@code rebuild} or {@code help}
 * @param into      the database a rebuild creates
 * @param demo      load sample data first when the database is empty
 * @param listen    whether to start the HTTP listener at all
 * @param metricsInterval how often the metric counters are copied to the database
 */
public record Options(
        String command,
        Path database,
        Path logDir,
        Path into,
        String bind,
        int port,
        boolean listen,
        boolean demo,
        List<String> extra,
        Duration metricsInterval) {

    /** The default of {@code --metrics-interval}. */
    public static final Duration DEFAULT_METRICS_INTERVAL = Duration.ofSeconds(60);
    private static final long MAX_METRICS_INTERVAL_SECONDS = 86_400;


    public static final String USAGE = """
            Usage: java -jar target/timetravel.jar [options]
                   java -jar target/timetravel.jar serve [options]
                   java -jar target/timetravel.jar rebuild --db SOURCE --into NEW

            Starts the Timetravel workbench (a desktop window) with its embedded HTTP listener,
            or, with --headless or the serve command, only the record store and the listener.
            The rebuild command replays SOURCE's event log into the new database NEW and checks
            that every version of every record matches (SOURCE is only read; a running server
            may keep using it).

            Options:
              --headless         run without a window (same as the serve command)
              --db PATH          database file (default db/timetravel.db; created with its folder)
              --port N           HTTP port (default 8000; 0 picks a free one)
              --bind ADDR        HTTP address (default 127.0.0.1; 0.0.0.0 for every interface)
              --no-listen        do not start the HTTP listener (desktop only)
              --logs DIR         folder of app.log (default logs)
              --demo             load realistic sample data first if the database is empty
              --metrics-interval SECONDS
                                 how often the metric counters are copied to the database's
                                 observability_metrics table (default 60; also at shutdown)
              --into PATH        rebuild: the new database to create (must not exist)
              --help             print this help and exit

            With -Dtimetravel.home=DIR (the installed launchers set ~/.local/share/timetravel)
            the defaults are DIR/db/timetravel.db and DIR/logs.
            """;

    /**
     * System property: the folder under which the default database and logs live (default: the
     * working directory). A leading {@code ~} stands for the user's home, because the installed
     * launchers must name a per-user folder and their configuration cannot expand variables.
     */
    public static final String HOME_PROPERTY = "timetravel.home";

    /**
     * System property: {@code true} makes headless mode the default. The installed server
     * launcher sets it, since jpackage drops a launcher's default arguments (such as
     * {@code --headless}) as soon as the user passes any, e.g. {@code --port}.
     */
    public static final String HEADLESS_PROPERTY = "timetravel.headless";

    public static Options defaults() {
        return defaults(System.getProperties());
    }

    /** The defaults, moved by {@link #HOME_PROPERTY} and {@link #HEADLESS_PROPERTY} when those are set. */
    static Options defaults(Properties system) {
        String command = Boolean.parseBoolean(system.getProperty(HEADLESS_PROPERTY)) ? "serve" : "gui";
        Path home = home(system);
        return new Options(command, home.resolve("db").resolve("timetravel.db"), home.resolve("logs"), null,
                "127.0.0.1", 8000, true, false, List.of(), DEFAULT_METRICS_INTERVAL);
    }

    private static Path home(Properties system) {
        String home = system.getProperty(HOME_PROPERTY, "");
        if (home.equals("~")) {
            return Path.of(system.getProperty("user.home"));
        }
        if (home.startsWith("~/")) {
            return Path.of(system.getProperty("user.home"), home.substring(2));
        }
        return Path.of(home);
    }

    /**
     * Parses arguments.
     *
     * @throws IllegalArgumentException with a message for the user when they make no sense
     */
    public static Options parse(String... args) {
        return parse(System.getProperties(), args);
    }

    /** Parses arguments over the defaults that the given system properties make. */
    static Options parse(Properties system, String... args) {
        Options options = defaults(system);
        String command = options.command;
        Path database = options.database;
        Path logDir = options.logDir;
        Path into = null;
        String bind = options.bind;
        int port = options.port;
        boolean listen = true;
        boolean demo = false;
        Duration metricsInterval = options.metricsInterval;
        List<String> extra = new ArrayList<>();
        args = splitAssignments(args);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h", "help" -> command = "help";
                case "--headless", "serve" -> command = "serve";
                case "--db" -> database = Path.of(value(args, ++i, arg));
                case "--logs" -> logDir = Path.of(value(args, ++i, arg));
                case "--into" -> into = Path.of(value(args, ++i, arg));
                case "rebuild" -> command = "rebuild";
                case "--bind" -> bind = value(args, ++i, arg);
                case "--port" -> port = port(value(args, ++i, arg));
                case "--no-listen" -> listen = false;
                case "--demo" -> demo = true;
                case "--metrics-interval" -> metricsInterval = metricsInterval(value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    extra.add(arg);
                }
            }
        }
        if ("serve".equals(command) && !listen) {
            throw new IllegalArgumentException("--no-listen makes no sense in headless mode");
        }
        if ("rebuild".equals(command) && into == null) {
            throw new IllegalArgumentException("rebuild needs --into NEW (the database to create)");
        }
        if (into != null && !"rebuild".equals(command)) {
            throw new IllegalArgumentException("--into goes with the rebuild command");
        }
        return new Options(command, database, logDir, into, bind, port, listen, demo, List.copyOf(extra), metricsInterval);
    }

    /** {@code --port=8080} is read as {@code --port 8080}. */
    private static String[] splitAssignments(String[] args) {
        List<String> split = new ArrayList<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 2) {
                split.add(arg.substring(0, equals));
                split.add(arg.substring(equals + 1));
            } else {
                split.add(arg);
            }
        }
        return split.toArray(String[]::new);
    }

    public boolean headless() {
        return "serve".equals(command);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--port must be a number from 0 to 65535, not " + text);
    }

    private static Duration metricsInterval(String text) {
        try {
            long seconds = Long.parseLong(text);
            if (seconds >= 1 && seconds <= MAX_METRICS_INTERVAL_SECONDS) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--metrics-interval must be a whole number of seconds from 1 to "
                + MAX_METRICS_INTERVAL_SECONDS + ", not " + text);
    }
}
