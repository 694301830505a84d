package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.http.AccessGate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The command line operators type, as read into {@link Options}. */
class OptionsTest {

    @Test
    void defaultsAreTheDesktopOnLocalhost8000WithTheDatabaseInDb() {
        Options options = Options.parse();

        assertEquals("gui", options.command());
        assertFalse(options.headless());
        assertEquals(Path.of("db", "timetravel.db"), options.database());
        assertEquals("127.0.0.1", options.bind());
        assertEquals(8000, options.port());
        assertTrue(options.listen());
        assertEquals(AccessGate.Mode.OFF, options.auth());
        assertEquals(List.of(), options.allowedHosts());
        assertEquals(List.of(), options.corsOrigins());
        assertEquals(options, Options.defaults());
    }

    @Test
    void headlessTakesPortBindAndDatabaseInBothSpellings() {
        Options options = Options.parse("--headless", "--port=9001", "--bind", "0.0.0.0", "--db", "/tmp/x.db");

        assertTrue(options.headless());
        assertEquals(9001, options.port());
        assertEquals("0.0.0.0", options.bind());
        assertEquals(Path.of("/tmp/x.db"), options.database());
        assertTrue(Options.parse("serve").headless());
    }

    @Test
    void theSameOptionsWorkAfterServeAndGuiAndCombineWithThoseBefore() {
        Options serve = Options.parse("serve", "--port", "9001", "--db=/tmp/x.db", "--demo", "--metrics-interval", "5");
        assertEquals("serve", serve.command());
        assertEquals(9001, serve.port());
        assertEquals(Path.of("/tmp/x.db"), serve.database());
        assertTrue(serve.demo());
        assertEquals(Duration.ofSeconds(5), serve.metricsInterval());

        Options gui = Options.parse("gui", "--no-listen", "--logs", "/tmp/logs");
        assertEquals("gui", gui.command());
        assertFalse(gui.headless());
        assertFalse(gui.listen());
        assertEquals(Path.of("/tmp/logs"), gui.logDir());

        Options combined = Options.parse("--db", "/tmp/a.db", "--port", "1", "serve", "--port", "2");
        assertEquals(Path.of("/tmp/a.db"), combined.database());
        assertEquals(2, combined.port(), "the command's own option wins");
    }

    @Test
    void withoutPropertiesTheDatabaseAndLogsAreUnderTheWorkingDirectory() {
        Options options = Options.parse(new Properties());

        assertEquals(Path.of("db", "timetravel.db"), options.database());
        assertEquals(Path.of("logs"), options.logDir());
        assertFalse(options.headless());
    }

    @Test
    void theHomePropertyMovesTheDefaultDatabaseAndLogsButNotExplicitOnes() {
        Properties system = properties(Options.HOME_PROPERTY, "/srv/timetravel");

        Options defaults = Options.parse(system);
        assertEquals(Path.of("/srv/timetravel/db/timetravel.db"), defaults.database());
        assertEquals(Path.of("/srv/timetravel/logs"), defaults.logDir());

        Options explicit = Options.parse(system, "--db", "/tmp/x.db", "--logs", "/tmp/logs");
        assertEquals(Path.of("/tmp/x.db"), explicit.database());
        assertEquals(Path.of("/tmp/logs"), explicit.logDir());
    }

    @Test
    void aLeadingTildeInTheHomePropertyIsTheUsersHome() {
        Properties system = properties(Options.HOME_PROPERTY, "~/.local/share/timetravel");
        system.setProperty("user.home", "/home/ada");

        Options options = Options.parse(system);

        assertEquals(Path.of("/home/ada/.local/share/timetravel/db/timetravel.db"), options.database());
        assertEquals(Path.of("/home/ada/.local/share/timetravel/logs"), options.logDir());
        system.setProperty(Options.HOME_PROPERTY, "~");
        assertEquals(Path.of("/home/ada/logs"), Options.parse(system).logDir());
    }

    @Test
    void theHeadlessPropertyMakesServeTheDefaultEvenWithOtherArguments() {
        Properties system = properties(Options.HEADLESS_PROPERTY, "true");

        assertTrue(Options.parse(system).headless());
        Options options = Options.parse(system, "--port", "18555");
        assertTrue(options.headless());
        assertEquals(18555, options.port());
        assertEquals("help", Options.parse(system, "--help").command());
        assertFalse(Options.parse(system, "gui").headless(), "a command named outright wins");
    }

    @Test
    void nonsenseIsRefusedWithAReason() {
        assertEquals("Unknown option: '--frobnicate'", refusal("--frobnicate"));
        assertEquals("Unmatched argument at index 0: 'serv'", refusal("serv"));
        assertEquals("Invalid value for option '--port': '70000' is not a port number from 0 to 65535",
                refusal("--port", "70000"));
        assertEquals("Missing required parameter for option '--db' (PATH|URL)", refusal("--db"));
        assertEquals("--no-listen makes no sense in headless mode", refusal("--headless", "--no-listen"));
        assertEquals("--no-listen makes no sense in headless mode", refusal("--no-listen", "serve"));
        assertEquals("Unknown option: '--no-listen'", refusal("serve", "--no-listen"));
        assertEquals("--headless contradicts the gui command", refusal("--headless", "gui"));
        assertEquals("Unknown options: '--into', 'x.db'", refusal("--into", "x.db"));
    }

    @Test
    void authIsOffByDefaultOnlyOnALoopbackAddress() {
        for (String loopback : new String[] {"127.0.0.1", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1", "localhost"}) {
            assertEquals(AccessGate.Mode.OFF, Options.parse("--bind", loopback).auth(), loopback);
            assertTrue(Options.parse("--bind", loopback).loopbackOnly(), loopback);
        }
        for (String reachable : new String[] {"0.0.0.0", "10.0.0.5", "::", "192.168.1.20", "timetravel.example.com"}) {
            assertEquals(AccessGate.Mode.TOKENS, Options.parse("serve", "--bind", reachable).auth(), reachable);
        }
        assertEquals(AccessGate.Mode.TOKENS, Options.parse("--auth", "tokens").auth(), "tokens may be asked for on loopback");
        assertEquals(AccessGate.Mode.OFF, Options.parse("--auth=OFF", "--bind", "::1").auth());
    }

    @Test
    void authOffOnAnAddressOthersCanReachIsRefused() {
        String refused = refusal("--auth", "off", "--bind", "0.0.0.0");
        assertTrue(refused.startsWith("--auth off is refused with --bind 0.0.0.0: anyone who reaches that address"), refused);
        assertTrue(refusal("serve", "--bind", "10.0.0.5", "--auth", "off").startsWith("--auth off is refused"));
        assertTrue(refusal("--auth", "off", "serve", "--bind", "0.0.0.0").startsWith("--auth off is refused"),
                "also when the two are given on either side of the command");
        assertEquals("Invalid value for option '--auth': 'maybe' is neither tokens nor off", refusal("--auth", "maybe"));
        assertThrows(IllegalArgumentException.class, () -> new Options("serve", Path.of("x.db"), Path.of("logs"), null,
                "0.0.0.0", 0, true, false, Duration.ofSeconds(60), AccessGate.Mode.OFF, List.of(), List.of()),
                "no Options value can open the API to the network");
    }

    @Test
    void allowedHostsAndCorsOriginsTakeCommasAndRepeats() {
        Options options = Options.parse("serve", "--bind", "0.0.0.0",
                "--allowed-hosts", "timetravel.example.com,API.Example.com", "--allowed-hosts=10.0.0.5",
                "--cors-origins", "https://dash.example.com,http://localhost:3000",
                "--cors-origins", "HTTPS://Admin.Example.com:443");

        assertEquals(List.of("timetravel.example.com", "API.Example.com", "10.0.0.5"), options.allowedHosts());
        assertEquals(List.of("https://dash.example.com", "http://localhost:3000", "HTTPS://Admin.Example.com:443"),
                options.corsOrigins(), "kept as typed; the listener compares them as browsers send them");
        assertEquals(List.of("a.example.com", "b.example.com"),
                Options.parse("--allowed-hosts", "a.example.com", "gui", "--allowed-hosts", "b.example.com").allowedHosts());
        assertEquals(List.of("[::1]"), Options.parse("--allowed-hosts", "[::1]").allowedHosts());
    }

    @Test
    void hostsAndOriginsThatCannotMatchAreRefusedByTheListenersOwnRules() {
        for (String bad : new String[] {"example.com:8000", "http://example.com", "bad host", "*.example.com"}) {
            assertTrue(refusal("--allowed-hosts", bad).startsWith("Invalid value for option '--allowed-hosts'"), bad);
            assertTrue(refusal("--allowed-hosts", bad).contains(bad), bad);
        }
        for (String bad : new String[] {"*", "dash.example.com", "ftp://dash.example.com", "https://dash.example.com/app",
                "https://dash.example.com?x=1", "https://user@dash.example.com"}) {
            assertTrue(refusal("--cors-origins", bad).startsWith("Invalid value for option '--cors-origins'"), bad);
        }
        assertTrue(refusal("--cors-origins", "https://dash.example.com/app").contains("write https://dash.example.com"),
                "the refusal says what to write instead");
    }

    @Test
    void rebuildTakesItsSourceAndTheNewDatabase() {
        Options rebuild = Options.parse("rebuild", "--db", "/tmp/a.db", "--into", "/tmp/b.db");
        assertEquals("rebuild", rebuild.command());
        assertEquals(Path.of("/tmp/a.db"), rebuild.database());
        assertEquals(Path.of("/tmp/b.db"), rebuild.into());
        assertEquals(Path.of("/srv/db/timetravel.db"),
                Options.parse(properties(Options.HOME_PROPERTY, "/srv"), "rebuild", "--into", "b.db").database());

        assertEquals("Missing required option: '--into=NEW'", refusal("rebuild", "--db", "/tmp/a.db"));
        assertEquals("options before 'rebuild' (--db) belong to the desktop and the server;"
                + " give the command's own options after its name", refusal("--db", "/tmp/a.db", "rebuild", "--into", "b.db"));
    }

    @Test
    void helpIsACommandInEverySpelling() {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"help"}, {"serve", "--help"}, {"help", "rebuild"}, {"rebuild", "-h"}}) {
            assertEquals("help", Options.parse(args).command(), String.join(" ", args));
        }
    }

    @Test
    void metricsAreCopiedEveryMinuteUnlessToldOtherwise() {
        assertEquals(Duration.ofSeconds(60), Options.parse("--headless").metricsInterval());
        assertEquals(Duration.ofSeconds(15), Options.parse("--headless", "--metrics-interval", "15").metricsInterval());
        assertEquals(Duration.ofSeconds(300), Options.parse("--metrics-interval=300").metricsInterval());
    }

    @Test
    void aMetricsIntervalMustBeWholePositiveSeconds() {
        for (String bad : new String[] {"0", "-5", "1.5", "soon", "86401"}) {
            assertEquals("Invalid value for option '--metrics-interval': '" + bad
                    + "' is not a whole number of seconds from 1 to 86400", refusal("--metrics-interval", bad), bad);
        }
        assertEquals("Missing required parameter for option '--metrics-interval' (SECONDS)", refusal("--metrics-interval"));
    }

    @Test
    void metricsAreKeptThirtyDaysUnlessToldOtherwise() {
        assertEquals(Duration.ofDays(30), Options.parse("--headless").metricsRetention());
        assertEquals(Duration.ofDays(7), Options.parse("--headless", "--metrics-retention-days", "7").metricsRetention());
        assertEquals(Duration.ofDays(365), Options.parse("--metrics-retention-days=365", "serve").metricsRetention());
        assertEquals(Duration.ofDays(2), Options.parse("--metrics-retention-days=9", "serve", "--metrics-retention-days", "2")
                .metricsRetention(), "the command's own option wins");
    }

    @Test
    void aMetricsRetentionMustBeWholePositiveDays() {
        for (String bad : new String[] {"0", "-1", "2.5", "month", "36501"}) {
            assertEquals("Invalid value for option '--metrics-retention-days': '" + bad
                    + "' is not a whole number of days from 1 to 36500", refusal("--metrics-retention-days", bad), bad);
        }
        assertEquals("Missing required parameter for option '--metrics-retention-days' (N)", refusal("--metrics-retention-days"));
    }

    @Test
    void aPostgresUrlIsTheDatabaseAndTheDataFolderPlacesTheKeys() {
        Options options = Options.parse(new Properties(), "serve", "--db", "jdbc:postgresql://db:5432/tt?user=u", "--data", "/srv/a");
        assertTrue(options.target().postgres());
        assertEquals("jdbc:postgresql://db:5432/tt?user=u", options.databaseUrl());
        assertEquals(Path.of("/srv/a/postgresql"), options.database());
        assertEquals(Path.of("/srv/a/keys/signing-key.pem"), options.signingKeyFile());
        // Without --data: the default database's folder, db/.
        Options defaulted = Options.parse(new Properties(), "--db", "jdbc:postgresql://db/tt");
        assertEquals(Path.of("db").toAbsolutePath().resolve("postgresql"), defaulted.database());
        // A SQLite file stays what it was: no URL, the file itself.
        Options file = Options.parse(new Properties(), "--db", "/tmp/x.db");
        assertEquals(null, file.databaseUrl());
        assertEquals(Path.of("/tmp/x.db"), file.target().file());
    }

    @Test
    void theDataFolderIsRefusedWithASqliteFileAndABadUrlIsNamed() {
        assertTrue(refusal("--db", "/tmp/x.db", "--data", "/srv/a").contains("--data is for a PostgreSQL --db"));
        assertTrue(refusal("--data", "/srv/a").contains("--data is for a PostgreSQL --db"));
        assertTrue(refusal("--db", "jdbc:mysql://h/tt").contains("unsupported database URL"));
        assertTrue(refusal("--db", "jdbc:postgresql://h").contains("jdbc:postgresql://HOST:PORT/DATABASE"));
    }

    private static String refusal(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> Options.parse(new Properties(), args),
                String.join(" ", args)).getMessage();
    }

    private static Properties properties(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        return properties;
    }

    @Test
    void theSigningKeyAndTheDigestIntervalHaveDefaultsBesideTheDatabase() {
        Options defaults = Options.parse("serve", "--db", "/srv/tt/t.db");
        Options given = Options.parse("serve", "--db", "/srv/tt/t.db", "--signing-key", "/etc/tt/key.pem", "--digest-interval", "60");

        assertEquals(Path.of("/srv/tt/keys/signing-key.pem"), defaults.signingKeyFile());
        assertEquals(Duration.ofHours(1), defaults.digestInterval());
        assertEquals(Path.of("/etc/tt/key.pem"), given.signingKeyFile());
        assertEquals(Duration.ofSeconds(60), given.digestInterval());
        assertEquals(Duration.ofSeconds(5), Options.parse("--digest-interval=5", "serve").digestInterval(), "before the command too");
        assertEquals("Invalid value for option '--digest-interval': '0' is not a whole number of seconds from 1 to 604800",
                refusal("--digest-interval", "0"));
    }

    @Test
    void theListenerTimeoutsHaveDefaultsAndTakeWholeSecondsOnEitherSideOfTheCommand() {
        Options defaults = Options.parse("serve");
        Options given = Options.parse("--header-timeout", "5", "serve", "--body-timeout=60", "--idle-timeout", "120");

        assertEquals(new io.timetravel.http.ListenerTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30)),
                defaults.timeouts());
        assertEquals(new io.timetravel.http.ListenerTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(120)),
                given.timeouts());
        for (String option : new String[] {"--header-timeout", "--body-timeout", "--idle-timeout"}) {
            assertEquals("Invalid value for option '" + option + "': '0' is not a whole number of seconds from 1 to 86400",
                    refusal(option, "0"));
        }
    }
}
