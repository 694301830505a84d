package io.timetravel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.testing.ReadmeExamples;
import io.timetravel.testing.ReadmeExamples.Example;
import io.timetravel.testing.ShellSession;
import io.timetravel.testing.SystemTool;
import io.timetravel.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's examples answer as it shows: every command of its {@code console} blocks runs, in
 * order, with the real curl (and sqlite3, jq, openssl where it uses them) against a real server
 * on a fresh database in an empty folder, and prints what the README shows below it, instants,
 * hashes, keys, signatures and tokens aside. {@code java -jar target/timetravel.jar} runs the
 * launcher on this class path in a child JVM. The server's clock reads the README's "now"
 * (2026-11-21T10:00:00Z) at the start, so its dates (back-dated corrections, as known on 1
 * November) mean the same in every run. What each command printed is written to
 * {@code target/readme-examples.txt}, to compare with the README or update it from.
 */
class ReadmeExamplesTest {

    /** When the README's examples are run: after every date they name. */
    private static final Instant README_NOW = Instant.parse("2026-11-21T10:00:00Z");
    /** A child JVM's start, a snapshot, a rebuild, on a busy machine. */
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    /** Where the README's own outputs say its folder was. */
    private static final String README_FOLDER = "/tmp/readme-demo";

    @Test
    void everyExampleOfTheReadmePrintsWhatTheReadmeShows(@TempDir Path folder) throws Exception {
        for (String tool : List.of("curl", "sqlite3", "jq", "openssl")) {
            SystemTool.require(tool, "apt-get install -y " + tool);
        }
        List<Example> examples = ReadmeExamples.parse(Path.of("README.md"));
        assertTrue(examples.size() >= 30, "README.md's console blocks hold the examples: " + examples.size() + " found");
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), README_NOW));
        Path work = folder.toRealPath();
        try (TestServer server = TestServer.start(work.resolve("db").resolve("timetravel.db"), clock)) {
            Map<String, String> substitutions = new LinkedHashMap<>();
            substitutions.put("127.0.0.1:8000", "127.0.0.1:" + server.port());
            substitutions.put("localhost:8000", "localhost:" + server.port());
            substitutions.put("java -jar target/timetravel.jar", "'" + Path.of(System.getProperty("java.home"), "bin", "java")
                    + "' -cp '" + System.getProperty("java.class.path") + "' io.timetravel.app.Launcher");
            ShellSession shell = new ShellSession(work, substitutions);
            List<String> failures = new ArrayList<>();
            StringBuilder printed = new StringBuilder();
            for (Example example : examples) {
                String actual;
                try {
                    actual = shell.run(example.command(), out -> example.stream() && example.matches(out), DEADLINE)
                            .replace(work.toString(), README_FOLDER);
                } catch (AssertionError e) {
                    actual = e.getMessage();
                }
                printed.append("README.md:").append(example.line()).append("\n$ ").append(example.command()).append('\n')
                        .append(actual.strip()).append("\n\n");
                if (!example.matches(actual)) {
                    failures.add("README.md:" + example.line() + ": $ " + example.command()
                            + "\n  expected:\n" + indent(String.join("\n", example.expected()))
                            + "\n  actual:\n" + indent(actual));
                }
            }
            Files.writeString(Path.of("target", "readme-examples.txt"), printed);
            assertEquals("", String.join("\n\n", failures),
                    failures.size() + " of " + examples.size() + " README examples print something else");
        }
    }

    private static String indent(String text) {
        return text.isEmpty() ? "    (nothing)" : ("    " + text.strip().replace("\n", "\n    "));
    }
}
