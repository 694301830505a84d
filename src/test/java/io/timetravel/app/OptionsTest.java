package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    void nonsenseIsRefusedWithAReason() {
        assertEquals("unknown option --frobnicate",
                assertThrows(IllegalArgumentException.class, () -> Options.parse("--frobnicate")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Options.parse("--port", "70000")).getMessage()
                .contains("0 to 65535"));
        assertEquals("--db needs a value", assertThrows(IllegalArgumentException.class, () -> Options.parse("--db")).getMessage());
    }

    @Test
    void helpPrintsTheOptionsAndExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Launcher.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertEquals(0, status);
        String help = out.toString(StandardCharsets.UTF_8);
        for (String option : new String[] {"--headless", "--port", "--bind", "--db"}) {
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
}
