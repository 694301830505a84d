package io.timetravel.app;

import io.timetravel.http.AccessGate;
import io.timetravel.http.BrowserPolicy;
import io.timetravel.http.ListenerTimeouts;
import io.timetravel.storage.DbTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.LongFunction;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The options of the desktop and the server (database, logs, listener, who may use it), shared
 * as a picocli mixin by the top level, {@code gui} and {@code serve}. Values left out stay
 * {@code null} so that options given before a command and after it can be combined, and the
 * defaults come from {@link Options#defaults(Properties)}, which system properties move.
 */
final class ServerOptions {

    private static final long MAX_METRICS_INTERVAL_SECONDS = 86_400;
    private static final long MAX_DIGEST_INTERVAL_SECONDS = 7 * 86_400;
    private static final long MAX_RETENTION_DAYS = 36_500;

    @Option(names = "--db", paramLabel = "PATH|URL",
            description = {"database file (default db/timetravel.db; created with its folder), or a PostgreSQL",
                "database: jdbc:postgresql://HOST:PORT/DB?user=U&password=P (or the user and password in",
                DbTarget.USER_VARIABLE + " and " + DbTarget.PASSWORD_VARIABLE + ")"})
    String database;

    @Option(names = "--data", paramLabel = "DIR",
            description = {"with a PostgreSQL --db: the folder for the signing key, masking key, digests.log",
                "and snapshots/ (default db/); several servers on one database share its keys"})
    Path dataDir;

    @Option(names = "--port", paramLabel = "N", converter = PortConverter.class,
            description = "HTTP port (default 8000; 0 picks a free one)")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "HTTP address (default 127.0.0.1; 0.0.0.0 for every interface)")
    String bind;

    @Option(names = "--auth", paramLabel = "tokens|off", converter = AuthConverter.class,
            description = {"whether API requests need a token (default: off when --bind is a loopback address:"
                    + " 127.0.0.0/8, ::1, localhost; tokens otherwise). off is refused on any other address"})
    AccessGate.Mode auth;

    @Option(names = "--allowed-hosts", paramLabel = "NAME", split = ",", converter = HostConverter.class,
            description = {"Host names the listener accepts besides its own",
                "address, as in timetravel.example.com; repeat it",
                "or separate them with commas"})
    List<String> allowedHosts;

    @Option(names = "--cors-origins", paramLabel = "ORIGIN", split = ",", converter = OriginConverter.class,
            description = {"browser origins allowed to call the API, as in",
                "https://dash.example.com (none by default);",
                "repeat it or separate them with commas"})
    List<String> corsOrigins;

    @Option(names = "--logs", paramLabel = "DIR", description = "folder of app.log (default logs)")
    Path logDir;

    @Option(names = "--demo", description = "load realistic sample data first if the database is empty")
    boolean demo;

    @Option(names = "--metrics-interval", paramLabel = "SECONDS", converter = IntervalConverter.class,
            description = "how often the metric counters are copied to the database's observability_metrics table"
                    + " (default 60; also at shutdown)")
    Duration metricsInterval;

    @Option(names = "--metrics-retention-days", paramLabel = "N", converter = RetentionConverter.class,
            description = "how many days rows of observability_metrics are kept before they are deleted (default 30)")
    Duration metricsRetention;

    @Option(names = "--signing-key", paramLabel = "PATH",
            description = {"the Ed25519 key that signs digests of the ledger (default keys/signing-key.pem",
                "beside the database; created, readable by its owner only, on first start)"})
    Path signingKey;

    @Option(names = "--digest-interval", paramLabel = "SECONDS", converter = DigestIntervalConverter.class,
            description = "how often a signed digest of the ledger is appended to digests.log beside the database"
                    + " (default 3600; also at shutdown)")
    Duration digestInterval;

    @Option(names = "--header-timeout", paramLabel = "SECONDS", converter = IntervalConverter.class,
            description = "how long a request's headers may take to arrive, from their first byte (default 10)")
    Duration headerTimeout;

    @Option(names = "--body-timeout", paramLabel = "SECONDS", converter = IntervalConverter.class,
            description = "how long a request's body may take to arrive, after its headers (default 30)")
    Duration bodyTimeout;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", converter = IntervalConverter.class,
            description = {"how long a connection may stay silent: between requests,",
                "or while a client sends or reads nothing (default 30)"})
    Duration idleTimeout;

    /** These options, with those given {@code before} the command filling the gaps. */
    ServerOptions over(ServerOptions before) {
        ServerOptions merged = new ServerOptions();
        merged.database = database != null ? database : before.database;
        merged.dataDir = dataDir != null ? dataDir : before.dataDir;
        merged.port = port != null ? port : before.port;
        merged.bind = bind != null ? bind : before.bind;
        merged.auth = auth != null ? auth : before.auth;
        merged.allowedHosts = concat(before.allowedHosts, allowedHosts);
        merged.corsOrigins = concat(before.corsOrigins, corsOrigins);
        merged.logDir = logDir != null ? logDir : before.logDir;
        merged.demo = demo || before.demo;
        merged.metricsInterval = metricsInterval != null ? metricsInterval : before.metricsInterval;
        merged.metricsRetention = metricsRetention != null ? metricsRetention : before.metricsRetention;
        merged.signingKey = signingKey != null ? signingKey : before.signingKey;
        merged.digestInterval = digestInterval != null ? digestInterval : before.digestInterval;
        merged.headerTimeout = headerTimeout != null ? headerTimeout : before.headerTimeout;
        merged.bodyTimeout = bodyTimeout != null ? bodyTimeout : before.bodyTimeout;
        merged.idleTimeout = idleTimeout != null ? idleTimeout : before.idleTimeout;
        return merged;
    }

    /**
     * The options of {@code command} over the defaults of {@code system}.
     *
     * @throws ParameterException for {@code spec}'s command when they contradict each other
     */
    Options toOptions(String command, boolean listen, Properties system, CommandSpec spec) {
        Options defaults = Options.defaults(system);
        String address = bind != null ? bind : defaults.bind();
        try {
            DatabaseChoice chosen = DatabaseChoice.of(database, dataDir, defaults.database());
            return new Options(command,
                    chosen.anchor(),
                    logDir != null ? logDir : defaults.logDir(),
                    null,
                    address,
                    port != null ? port : defaults.port(),
                    listen,
                    demo,
                    metricsInterval != null ? metricsInterval : defaults.metricsInterval(),
                    auth != null ? auth : Options.defaultAuth(address),
                    concat(allowedHosts, null),
                    concat(corsOrigins, null),
                    signingKey,
                    digestInterval != null ? digestInterval : defaults.digestInterval(),
                    new ListenerTimeouts(
                            headerTimeout != null ? headerTimeout : defaults.timeouts().header(),
                            bodyTimeout != null ? bodyTimeout : defaults.timeouts().body(),
                            idleTimeout != null ? idleTimeout : defaults.timeouts().idle()),
                    chosen.url(),
                    metricsRetention != null ? metricsRetention : defaults.metricsRetention());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>();
        if (first != null) {
            all.addAll(first);
        }
        if (second != null) {
            all.addAll(second);
        }
        return all;
    }

    static final class PortConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            try {
                int port = Integer.parseInt(text);
                if (port >= 0 && port <= 65_535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("'" + text + "' is not a port number from 0 to 65535");
        }
    }

    /** A whole number of seconds from 1 to a day: the metrics interval and the listener's timeouts. */
    static final class IntervalConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return seconds(text, MAX_METRICS_INTERVAL_SECONDS);
        }
    }

    /** Up to a week: digests are evidence of how far the ledger went, and an auditor should not wait longer. */
    static final class DigestIntervalConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return seconds(text, MAX_DIGEST_INTERVAL_SECONDS);
        }
    }

    /** A whole number of days from 1 to a hundred years: how long copies of the metrics are kept. */
    static final class RetentionConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return whole(text, MAX_RETENTION_DAYS, "days", Duration::ofDays);
        }
    }

    private static Duration seconds(String text, long max) {
        return whole(text, max, "seconds", Duration::ofSeconds);
    }

    /** A whole number of {@code unit} from 1 to {@code max}. */
    private static Duration whole(String text, long max, String unit, LongFunction<Duration> duration) {
        try {
            long amount = Long.parseLong(text);
            if (amount >= 1 && amount <= max) {
                return duration.apply(amount);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TypeConversionException("'" + text + "' is not a whole number of " + unit + " from 1 to " + max);
    }

    /** {@code tokens} or {@code off}, in any case. */
    static final class AuthConverter implements ITypeConverter<AccessGate.Mode> {
        @Override
        public AccessGate.Mode convert(String text) {
            for (AccessGate.Mode mode : AccessGate.Mode.values()) {
                if (mode.key().equalsIgnoreCase(text)) {
                    return mode;
                }
            }
            throw new TypeConversionException("'" + text + "' is neither tokens nor off");
        }
    }

    /**
     * A host name or IP address the listener accepts in {@code Host}, checked by the listener's
     * own rules ({@link BrowserPolicy}), so the command line refuses exactly what it could not use.
     */
    static final class HostConverter implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            try {
                BrowserPolicy.of(List.of(text.strip()), List.of());
                return text.strip();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A browser origin allowed to call the API, checked by the listener's own rules ({@link BrowserPolicy}). */
    static final class OriginConverter implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            try {
                BrowserPolicy.of(List.of(), List.of(text.strip()));
                return text.strip();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
