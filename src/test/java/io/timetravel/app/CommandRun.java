package io.timetravel.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

/**
 * One command line run in this JVM as an operator would type it, with {@code -Dtimetravel.home}
 * set to a test folder: its exit status and what it printed.
 */
record CommandRun(int status, String out, String err) {

    static CommandRun in(Path home, String... args) {
        Properties system = new Properties();
        system.setProperty(Options.HOME_PROPERTY, home.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Launcher.run(system, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
