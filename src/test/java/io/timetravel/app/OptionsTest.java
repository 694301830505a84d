package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The command line operators type. */
class OptionsTest {

    @Test
    void defaultsAreTheDesktopOnLocalhost8000WithTheDatabaseInDb() {
        Options options = Options.parse();

        assertEquals("gui", options.command());
        assertFalse(options.headless());
        assertEquals(Path.of("db", "timetravel.db"), options.database());
        assertEquals("127.0.0.1", options.bind());
        assertEquals(8000, options.port());
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
    }

    @Test
    void nonsenseIsRefusedWithAReason() {
        assertEquals("unknown option --frobnicate",
                assertThrows(IllegalArgumentException.class, () -> Options.parse("--frobnicate")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Options.parse("--port", "70000")).getMessage()
                .contains("0 to 65535"));
        assertEquals("--db needs a value", assertThrows(IllegalArgumentException.class, () -> Options.parse("--db")).getMessage());
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
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> Options.parse("--metrics-interval", bad), bad);
            assertEquals("--metrics-interval must be a whole number of seconds from 1 to 86400, not " + bad,
                    refused.getMessage());
        }
        assertEquals("--metrics-interval needs a value",
                assertThrows(IllegalArgumentException.class, () -> Options.parse("--metrics-interval")).getMessage());
    }

    @Test
    void helpPrintsTheOptionsAndExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Launcher.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertEquals(0, status);
        String help = out.toString(StandardCharsets.UTF_8);
        for (String option : new String[] {"--headless", "--port", "--bind", "--db", "--metrics-interval"}) {
            assertTrue(help.contains(option), option);
        }
    }

    @Test
    void aBadOptionExitsTwoWithTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Launcher.run(new String[] {"--port", "x"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: --port must be a number"));
    }

    private static Properties properties(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        return properties;
    }
}
