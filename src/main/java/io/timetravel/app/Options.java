package io.timetravel.app;

import io.timetravel.http.AccessGate;
import io.timetravel.http.ListenerTimeouts;
import io.timetravel.service.MetricsRecorder;
import io.timetravel.storage.SigningKeyFile;
import java.net.InetAddress;
import java.net.UnknownHostException;
import io.timetravel.storage.DbTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the command line asked for: how to start, where the database and logs are, where to
 * listen and who may use the listener. {@link TimetravelCommand} reads the arguments into it.
 *
 * @param command   {@code gui} (default), {@code serve} (= {@code --headless}), {@code rebuild} or {@code help}
 * @param into      the database a rebuild creates
 * @param demo      load sample data first when the database is empty
 * @param listen    whether to start the HTTP listener at all
 * @param metricsInterval how often the metric counters are copied to the database
 * @param auth      whether the API asks for tokens; never {@link AccessGate.Mode#OFF} on an address
 *                  other machines can reach
 * @param allowedHosts Host names the listener accepts besides the bind address's own, lower case
 * @param corsOrigins browser origins ({@code https://dash.example.com}) allowed to call the API,
 *                  as browsers send them: lower case, no default port, no path
 * @param signingKey the file of the key that signs ledger digests; {@code null}: {@code keys/signing-key.pem}
 *                  beside the database
 * @param digestInterval how often a signed digest of the ledger is appended to {@code digests.log}
 * @param timeouts  how long the listener waits for a request's headers, its body, and an idle
 *                  connection; {@code null}: {@link ListenerTimeouts#DEFAULTS}
 * @param databaseUrl a PostgreSQL database's JDBC URL, or {@code null} for the SQLite file
 *                  {@code database}; with a URL, {@code database} only places the files kept beside
 *                  a database (keys, digests.log, snapshots/) in its folder, the data folder
 * @param metricsRetention how long rows of {@code observability_metrics} are kept; {@code null}:
 *                  {@link #DEFAULT_METRICS_RETENTION}
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
        Duration metricsInterval,
        AccessGate.Mode auth,
        List<String> allowedHosts,
        List<String> corsOrigins,
        Path signingKey,
        Duration digestInterval,
        ListenerTimeouts timeouts,
        String databaseUrl,
        Duration metricsRetention) {

    /** The default of {@code --metrics-interval}. */
    public static final Duration DEFAULT_METRICS_INTERVAL = Duration.ofSeconds(60);

    /** The default of {@code --metrics-retention-days}. */
    public static final Duration DEFAULT_METRICS_RETENTION = MetricsRecorder.DEFAULT_RETENTION;

    /** The default of {@code --digest-interval}. */
    public static final Duration DEFAULT_DIGEST_INTERVAL = Duration.ofHours(1);

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

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

    /**
     * @throws IllegalArgumentException when {@code auth} is off on an address other machines can
     *         reach: that would open the API to the network without credentials
     */
    public Options {
        allowedHosts = List.copyOf(allowedHosts);
        corsOrigins = List.copyOf(corsOrigins);
        digestInterval = digestInterval != null ? digestInterval : DEFAULT_DIGEST_INTERVAL;
        timeouts = timeouts != null ? timeouts : ListenerTimeouts.DEFAULTS;
        metricsRetention = metricsRetention != null ? metricsRetention : DEFAULT_METRICS_RETENTION;
        if (auth == AccessGate.Mode.OFF && !isLoopback(bind)) {
            throw new IllegalArgumentException("--auth off is refused with --bind " + bind
                    + ": anyone who reaches that address could use the API without a token."
                    + " Use --auth tokens, or bind to a loopback address (127.0.0.1, ::1, localhost)");
        }
    }

    /** Options with the default signing key, digest interval and listener timeouts. */
    public Options(String command, Path database, Path logDir, Path into, String bind, int port, boolean listen, boolean demo,
                   Duration metricsInterval, AccessGate.Mode auth, List<String> allowedHosts, List<String> corsOrigins) {
        this(command, database, logDir, into, bind, port, listen, demo, metricsInterval, auth, allowedHosts, corsOrigins, null,
                DEFAULT_DIGEST_INTERVAL, ListenerTimeouts.DEFAULTS, null, DEFAULT_METRICS_RETENTION);
    }

    /** The database to open: the PostgreSQL one the URL names, or the SQLite file. */
    public DbTarget target() {
        return databaseUrl != null ? DbTarget.parse(databaseUrl) : DbTarget.sqlite(database);
    }

    public static Options defaults() {
        return defaults(System.getProperties());
    }

    /** The defaults, moved by {@link #HOME_PROPERTY} and {@link #HEADLESS_PROPERTY} when those are set. */
    static Options defaults(Properties system) {
        String command = Boolean.parseBoolean(system.getProperty(HEADLESS_PROPERTY)) ? "serve" : "gui";
        Path home = home(system);
        String bind = "127.0.0.1";
        return new Options(command, home.resolve("db").resolve("timetravel.db"), home.resolve("logs"), null,
                bind, 8000, true, false, DEFAULT_METRICS_INTERVAL, defaultAuth(bind), List.of(), List.of());
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
        return TimetravelCommand.parse(system, args);
    }

    /** These options for another command. */
    Options withCommand(String other) {
        return new Options(other, database, logDir, into, bind, port, listen, demo, metricsInterval, auth,
                allowedHosts, corsOrigins, signingKey, digestInterval, timeouts, databaseUrl, metricsRetention);
    }

    /** These options for {@code rebuild} from {@code source} into {@code target}. */
    Options forRebuild(Path source, Path target) {
        return new Options("rebuild", source, logDir, target, bind, port, listen, demo, metricsInterval, auth,
                allowedHosts, corsOrigins, signingKey, digestInterval, timeouts, null, metricsRetention);
    }

    /** The file of the key that signs ledger digests: {@code --signing-key}, else {@code keys/signing-key.pem} beside the database. */
    public Path signingKeyFile() {
        return signingKey != null ? signingKey : SigningKeyFile.defaultFor(database);
    }

    public boolean headless() {
        return "serve".equals(command);
    }

    /** {@code off} where only this machine can connect, {@code tokens} everywhere else. */
    static AccessGate.Mode defaultAuth(String bind) {
        return isLoopback(bind) ? AccessGate.Mode.OFF : AccessGate.Mode.TOKENS;
    }

    /** Whether only this machine can reach the listener. */
    public boolean loopbackOnly() {
        return isLoopback(bind);
    }

    /**
     * Whether an address is a loopback one: {@code localhost}, 127.0.0.0/8 or {@code ::1} (also
     * in brackets or IPv4-mapped). Looks nothing up: any other host name counts as reachable.
     */
    public static boolean isLoopback(String address) {
        String literal = address.strip();
        if (literal.equalsIgnoreCase("localhost")) {
            return true;
        }
        Matcher ipv4 = IPV4.matcher(literal);
        if (ipv4.matches()) {
            return Integer.parseInt(ipv4.group(1)) == 127;
        }
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        if (!literal.contains(":")) {
            return false;
        }
        try {
            // An address with a colon is parsed as an IPv6 literal, never resolved.
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
