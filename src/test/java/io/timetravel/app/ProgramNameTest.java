package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help names the program as it was started: the installed launcher, or the jar. */
class ProgramNameTest {

    @TempDir
    Path home;

    @Test
    void withoutALauncherHelpNamesTheJar() {
        Properties system = system(null);

        assertEquals(TimetravelCommand.JAR_COMMAND, TimetravelCommand.programName(system));
        assertTrue(help(system, "--help").startsWith("Usage: java -jar target/timetravel.jar [-hV]"));
    }

    @Test
    void anInstalledLauncherIsNamedByItsFileName() {
        Properties server = system("/opt/timetravel/bin/timetravel-server");
        Properties desktop = system("/opt/timetravel/bin/Timetravel");

        assertEquals("timetravel-server", TimetravelCommand.programName(server));
        assertEquals("Timetravel", TimetravelCommand.programName(desktop));
        String help = help(server, "--help");
        assertTrue(help.startsWith("Usage: timetravel-server [-hV]"), help);
        assertFalse(help.contains("java -jar"), help);
        assertTrue(help(server, "serve", "--help").startsWith("Usage: timetravel-server serve"));
    }

    @Test
    void examplesInHelpNameTheLauncherToo() {
        assertTrue(help(system("/opt/timetravel/bin/timetravel-server"), "tokens", "issue", "--help")
                .contains("TOKEN=$(timetravel-server tokens issue --user 1 | tail -1)"));
        assertTrue(help(system(null), "tokens", "issue", "--help")
                .contains("TOKEN=$(java -jar target/timetravel.jar tokens issue --user 1 | tail -1)"));
    }

    @Test
    void aBlankLauncherPathKeepsTheJarsName() {
        assertEquals(TimetravelCommand.JAR_COMMAND, TimetravelCommand.programName(system(" ")));
        assertEquals(TimetravelCommand.JAR_COMMAND, TimetravelCommand.programName(system("/")));
    }

    private Properties system(String launcher) {
        Properties system = new Properties();
        system.setProperty(Options.HOME_PROPERTY, home.toString());
        if (launcher != null) {
            system.setProperty(TimetravelCommand.LAUNCHER_PROPERTY, launcher);
        }
        return system;
    }

    private static String help(Properties system, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream nowhere = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        int status = Launcher.run(system, args, new PrintStream(out, true, StandardCharsets.UTF_8), nowhere);
        assertEquals(0, status);
        return out.toString(StandardCharsets.UTF_8);
    }
}
