package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program's first run on machines where it cannot work as asked, in a child JVM as an
 * operator starts it: one line saying why and what to do, exit status 2, nothing created.
 */
class FirstRunTest {

    @TempDir
    Path dir;

    /** What a run printed and how it ended. */
    private record Run(int status, String out, String err) {

        List<String> errLines() {
            return err.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    @Test
    void withoutADisplayTheDesktopSaysSoInOneLineBeforeTouchingAnything() throws Exception {
        Path home = Files.createDirectory(dir.resolve("home"));
        Run run = launch(home, env -> {
            env.remove("DISPLAY");
            env.remove("WAYLAND_DISPLAY");
        }, List.of(), List.of());

        assertEquals(2, run.status(), run.err());
        assertEquals(List.of("error: no display to open the workbench on (DISPLAY and WAYLAND_DISPLAY are unset);"
                + " --headless runs the server without a window"), run.errLines());
        assertEquals("", run.out());
        assertEquals(List.of(), contents(home), "neither db/ nor logs/ is created");
    }

    @Test
    void aDisplayThatCannotBeOpenedIsOneLineAndTheDatabaseIsUntouched() throws Exception {
        Path home = Files.createDirectory(dir.resolve("home"));
        // A display named but not there: the toolkit itself refuses to start.
        Run run = launch(home, env -> {
            env.put("DISPLAY", ":4711");
            env.remove("WAYLAND_DISPLAY");
        }, List.of(), List.of());

        assertEquals(2, run.status(), run.err());
        List<String> lines = run.errLines();
        // Which part of the toolkit refuses depends on the machine: the display, or GTK where it is missing.
        assertTrue(lines.get(lines.size() - 1).matches("error: cannot (open the display DISPLAY=:4711|start the desktop: .+);"
                + " --headless runs the server without a window"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertFalse(Files.exists(home.resolve("db")), "the database is not opened before the window can show");
    }

    @Test
    void withoutItsLibrariesTheLauncherSaysWhereTheyBelongInOneLine() throws Exception {
        // Only the program's own classes, as a jar copied without its lib/ folder has.
        Path classes = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Run run = run(dir, env -> { }, List.of(java(), "-cp", classes.toString(), Launcher.class.getName(), "--help"));

        assertEquals(2, run.status(), run.err());
        assertEquals(List.of("error: the class path lacks the libraries (picocli.CommandLine not found):"
                + " run java -jar target/timetravel.jar, with target/lib/ beside it"), run.errLines());
    }

    @Test
    void aJarWithoutItsLibFolderIsNamedWithTheFolderItNeeds() throws Exception {
        Path jar = Files.writeString(dir.resolve("timetravel.jar"), "a copied jar");
        // A loader that sees the JDK alone, as the jar's loader does when lib/ is missing.
        ClassLoader jdkOnly = ClassLoader.getPlatformClassLoader();

        assertEquals("timetravel.jar needs its lib/ folder beside it: " + dir.resolve("lib") + " is missing"
                + " (copy target/lib/ along with the jar; the build makes both)", Launcher.missingLibraries(jdkOnly, jar));
        Files.createDirectory(dir.resolve("lib"));
        assertEquals("timetravel.jar needs its lib/ folder beside it: " + dir.resolve("lib") + " lacks picocli.CommandLine"
                + " (copy target/lib/ along with the jar; the build makes both)", Launcher.missingLibraries(jdkOnly, jar));
        assertEquals(null, Launcher.missingLibraries(Launcher.class.getClassLoader(), jar), "with the libraries nothing is missing");
    }

    @Test
    void aDatabaseFolderThatIsAFileIsNamedWithTheReason() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "not a folder");
        Run run = headless("--db", file.resolve("t.db").toString());

        assertEquals(1, run.status(), run.err());
        assertTrue(run.err().contains("cannot open database " + file.resolve("t.db") + ": " + file + " is a file, not a folder"),
                run.err());
        assertEquals("not a folder", Files.readString(file), "the file in the way is left as it was");
    }

    @Test
    void aDataFolderThatIsAFileIsNamedWithTheReason() throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "not a folder");
        // The folder is checked before any connection: no PostgreSQL server is needed to see it refused.
        Run run = headless("--db", "jdbc:postgresql://127.0.0.1:1/timetravel", "--data", file.toString());

        assertEquals(1, run.status(), run.err());
        assertTrue(run.err().contains("cannot create the data folder " + file + ": " + file + " is a file, not a folder"),
                run.err());
    }

    @Test
    void anUnwritableLogFolderIsNamedWithTheReason() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "not a folder");
        Path logs = file.resolve("logs");
        Run run = run(dir, env -> { }, List.of(java(), "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "--headless", "--port", "0", "--db", dir.resolve("db").resolve("t.db").toString(), "--logs", logs.toString()));

        assertEquals(1, run.status(), run.err());
        assertEquals(List.of("error: cannot write logs to " + logs + ": " + file + " is a file, not a folder"), run.errLines());
        assertFalse(Files.exists(dir.resolve("db")), "the database is not opened without its logs");
    }

    @Test
    void aReadOnlyDatabaseFolderSaysPermissionDenied() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("readonly"));
        assertTrue(folder.toFile().setWritable(false, false));
        try {
            // Root writes whatever the permissions say; the file-as-folder cases above cover it there.
            Assumptions.assumeFalse(Files.isWritable(folder), "this user writes into read-only folders (root)");
            Run run = headless("--db", folder.resolve("t.db").toString());

            assertEquals(1, run.status(), run.err());
            assertTrue(run.err().contains("cannot open database " + folder.resolve("t.db") + ": permission denied"), run.err());
        } finally {
            folder.toFile().setWritable(true, true);
        }
    }

    private Run headless(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), "--headless", "--port", "0", "--logs", dir.resolve("logs").toString()));
        command.addAll(List.of(options));
        return run(dir, env -> { }, command);
    }

    /** The program with its default command, from {@code home}, without the tests' Monocle settings. */
    private Run launch(Path home, Consumer<Map<String, String>> env, List<String> jvmOptions, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-Dtimetravel.home=" + home));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName(), "--port", "0"));
        command.addAll(args);
        return run(dir, env, command);
    }

    private static Run run(Path workDir, Consumer<Map<String, String>> env, List<String> command) throws Exception {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        env.accept(builder.environment());
        Process process = builder.start();
        try {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the program ends by itself: " + command);
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static List<Path> contents(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
