package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What operators see on the terminal: help, errors and exit statuses, and that a typo starts nothing. */
class CommandLineTest {

    @TempDir
    Path home;

    @Test
    void helpPrintsTheOptionsTheCommandsAndTheDataFolderAndExitsZero() {
        CommandRun help = run("--help");

        assertEquals(0, help.status());
        for (String text : new String[] {"--headless", "--port", "--bind", "--db", "--metrics-interval", "--metrics-retention-days", "--auth=tokens|off",
                "--allowed-hosts", "--cors-origins", "--demo", "--no-listen", "gui", "serve", "rebuild", "-Dtimetravel.home=DIR"}) {
            assertTrue(help.out().contains(text), text);
        }
        assertEquals(help.out(), run("help").out());
        assertEquals("", help.err());
    }

    @Test
    void eachCommandHasItsOwnHelp() {
        CommandRun serve = run("serve", "--help");
        assertEquals(0, serve.status());
        assertTrue(serve.out().startsWith("Usage: java -jar target/timetravel.jar serve"), serve.out());
        assertTrue(serve.out().contains("--cors-origins"), serve.out());
        assertFalse(serve.out().contains("--no-listen"), "the server always listens");
        assertEquals(serve.out(), run("help", "serve").out());

        CommandRun gui = run("gui", "-h");
        assertTrue(gui.out().startsWith("Usage: java -jar target/timetravel.jar gui"), gui.out());
        assertTrue(gui.out().contains("--no-listen"), gui.out());

        CommandRun rebuild = run("rebuild", "--help");
        assertTrue(rebuild.out().contains("--into=NEW"), rebuild.out());
        assertFalse(rebuild.out().contains("--port"), rebuild.out());
    }

    @Test
    void anUnknownWordExitsTwoWithASuggestionAndStartsNothing() throws IOException {
        CommandRun typo = run("serv");

        assertEquals(2, typo.status());
        assertTrue(typo.err().startsWith("error: Unmatched argument at index 0: 'serv'\nDid you mean serve?\n"), typo.err());
        assertTrue(typo.err().contains("Usage: java -jar target/timetravel.jar [-hV]"), typo.err());
        assertEquals("", typo.out());
        assertNothingStarted();
    }

    @Test
    void anUnknownOptionExitsTwoWithASuggestionAndStartsNothing() throws IOException {
        CommandRun typo = run("--prot", "9000");

        assertEquals(2, typo.status());
        assertTrue(typo.err().startsWith("error: Unknown options: '--prot', '9000'\nDid you mean --port?\n"), typo.err());
        assertTrue(typo.err().contains("Run 'java -jar target/timetravel.jar --help' for the options."), typo.err());

        CommandRun inServe = run("serve", "--cors-origin", "https://dash.example.com");
        assertEquals(2, inServe.status());
        assertTrue(inServe.err().contains("Did you mean --cors-origins?"), inServe.err());
        assertTrue(inServe.err().contains("Usage: java -jar target/timetravel.jar serve"), "the usage of the command that refused");
        assertNothingStarted();
    }

    @Test
    void aBadValueExitsTwoWithTheUsage() {
        CommandRun bad = run("--port", "x");

        assertEquals(2, bad.status());
        assertTrue(bad.err().startsWith("error: Invalid value for option '--port': 'x' is not a port number"), bad.err());
        assertTrue(bad.err().contains("Usage:"), bad.err());
    }

    @Test
    void authOffOnAnAddressOthersCanReachExitsTwoBeforeOpeningAnything() throws IOException {
        for (String[] args : new String[][] {{"--headless", "--auth", "off", "--bind", "0.0.0.0"},
                {"serve", "--auth=off", "--bind", "10.0.0.5"}, {"--auth", "off", "--bind", "0.0.0.0"}}) {
            CommandRun refused = run(args);

            assertEquals(2, refused.status(), String.join(" ", args));
            assertTrue(refused.err().startsWith("error: --auth off is refused with --bind "), refused.err());
        }
        assertNothingStarted();
    }

    @Test
    void aBusyPortInHeadlessModeExitsTwoInOneLineBeforeTouchingTheDatabase() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            for (String[] args : new String[][] {{"serve", "--port", String.valueOf(port)},
                    {"--headless", "--bind", "127.0.0.1", "--port", String.valueOf(port)}}) {
                CommandRun refused = run(args);

                assertEquals(2, refused.status(), String.join(" ", args));
                assertEquals("error: cannot listen on 127.0.0.1:" + port + " (address already in use)" + System.lineSeparator(),
                        refused.err());
            }
        }
        assertNothingStarted();
    }

    @Test
    void anAddressOfNoInterfaceHereExitsTwoInOneLineBeforeTouchingTheDatabase() throws IOException {
        // 192.0.2.1 is reserved for documentation (RFC 5737): no machine has it.
        CommandRun refused = run("serve", "--bind", "192.0.2.1", "--port", "0");

        assertEquals(2, refused.status());
        assertEquals("error: cannot listen on 192.0.2.1:0 (cannot assign requested address)" + System.lineSeparator(),
                refused.err());
        assertNothingStarted();
    }

    @Test
    void anUnknownWordNeverLoadsJavaFx() throws Exception {
        Path classLog = home.resolve("classes.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + classLog, "-Dtimetravel.home=" + home,
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName(), "serv")
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, child.exitValue(), output);
        assertTrue(output.contains("Did you mean serve?"), output);
        String classes = Files.readString(classLog);
        assertTrue(classes.contains("picocli.CommandLine"), "the log lists loaded classes");
        assertFalse(classes.contains("javafx."), "no JavaFX class is loaded");
    }

    /** Nothing under the home folder: no database, no logs (the desktop and the server create both first). */
    private void assertNothingStarted() throws IOException {
        try (Stream<Path> files = Files.list(home)) {
            assertEquals(List.of(), files.toList());
        }
    }

    private CommandRun run(String... args) {
        return CommandRun.in(home, args);
    }
}
