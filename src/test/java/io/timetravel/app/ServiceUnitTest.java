package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.timetravel.app.bench.InstalledServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb's service files in {@code packaging/linux}: the unit passes {@code systemd-analyze
 * verify} (skipped where systemd-analyze is missing), starts the launcher the app image has, and
 * the settings file and package scripts are what systemd and dpkg can read. The package itself
 * takes minutes to build, so it is checked by hand (packaging/README.md).
 */
class ServiceUnitTest {

    private static final Path LINUX = Path.of("packaging", "linux");
    private static final Path UNIT = LINUX.resolve("timetravel-server.service");
    private static final Path SETTINGS = LINUX.resolve("timetravel.conf");
    private static final Path ANALYZE = Path.of("/usr/bin/systemd-analyze");
    /** Where the host keeps systemd's own units (targets and slices the unit depends on). */
    private static final List<Path> SYSTEM_UNITS = List.of(Path.of("/lib/systemd/system"), Path.of("/usr/lib/systemd/system"));

    @TempDir
    Path root;

    @Test
    void theUnitGivesTheServerTheEnvironmentTheBenchmarkMeasuresItWith() throws IOException {
        String unit = Files.readString(UNIT);
        InstalledServer.ENVIRONMENT.forEach((name, value) ->
                assertTrue(unit.contains("\nEnvironment=" + name + "=" + value + "\n"), "the unit sets " + name + "=" + value));
        assertTrue(Files.readString(Path.of("packaging", "README.md")).contains("`" + InstalledServer.environment() + "`"),
                "packaging/README.md names " + InstalledServer.environment());
    }

    @Test
    void theServerLauncherTheBenchmarkAndThePackagingGuideGiveTheSameJvmOptions() throws IOException {
        // Four files and no shared source: the launcher's properties, the benchmark's default for
        // the server it measures (bench --help prints it), the table in packaging/README.md and
        // the README's benchmark section. They change together.
        Matcher options = Pattern.compile("(?m)^java-options=(.*)$")
                .matcher(Files.readString(Path.of("packaging", "timetravel-server.properties")));
        assertTrue(options.find(), "the server launcher sets java-options");
        List<String> launcher = Stream.of(options.group(1).trim().split("\\s+")).filter(option -> !option.startsWith("-D")).toList();

        assertEquals(InstalledServer.JVM_OPTIONS, launcher);
        assertTrue(Files.readString(Path.of("packaging", "README.md")).contains("| `timetravel-server` | `" + String.join(" ", launcher) + "` |"),
                "packaging/README.md's table lists " + launcher);
        assertTrue(Files.readString(Path.of("README.md")).contains("`" + String.join(" ", launcher) + "`"),
                "README.md's benchmark section names " + launcher);
    }

    @Test
    void systemdAnalyzeVerifiesTheUnitWithoutAComplaint() throws Exception {
        CommandOutput verify = verify(UNIT, true);

        assertEquals(0, verify.status(), verify.output());
        assertEquals("", verify.output().strip(), "systemd-analyze verify printed warnings or errors");
    }

    @Test
    void systemdAnalyzeWouldReportAMistypedDirectiveAndAMissingProgram() throws Exception {
        // What the test above relies on: a complaint shows in the output, and a missing program fails.
        Path broken = root.resolve("broken.service");
        Files.writeString(broken, Files.readString(UNIT).replace("ProtectSystem=strict", "ProtectSystm=strict"));
        CommandOutput mistyped = verify(broken, true);
        assertTrue(mistyped.output().contains("Unknown key 'ProtectSystm'"), mistyped.output());

        CommandOutput missing = verify(UNIT, false);
        assertTrue(missing.status() != 0, missing.output());
        assertTrue(missing.output().contains("/opt/timetravel/bin/timetravel-server"), missing.output());
    }

    @Test
    void theServiceRunsTheServerLauncherOfTheAppImageAsItsOwnUser() throws IOException {
        String unit = Files.readString(UNIT);
        String launcher = "timetravel-server";
        // jpackage.sh names the second launcher after its properties file; the package installs the image in /opt/timetravel.
        assertTrue(Files.exists(Path.of("packaging", launcher + ".properties")));
        assertTrue(Files.readString(Path.of("packaging", "jpackage.sh")).contains("--add-launcher " + launcher + "="));
        assertEquals("/opt/timetravel/bin/" + launcher, directive(unit, "ExecStart").split(" ")[0]);
        assertEquals("timetravel", directive(unit, "User"));
        assertEquals("timetravel", directive(unit, "StateDirectory"));
        assertEquals("-/etc/timetravel/timetravel.conf", directive(unit, "EnvironmentFile"));
        assertTrue(directive(unit, "ExecStart").contains("--db ${TIMETRAVEL_DB}"), unit);
        assertEquals("on-failure", directive(unit, "Restart"));
        assertEquals("strict", directive(unit, "ProtectSystem"));
        assertEquals("yes", directive(unit, "NoNewPrivileges"));
        assertTrue(directive(unit, "MemoryMax").endsWith("M"), unit);
    }

    @Test
    void theSettingsFileSetsOnlyVariablesTheUnitReads() throws IOException {
        String unit = Files.readString(UNIT);
        Pattern assignment = Pattern.compile("([A-Z_]+)=.*");
        List<String> set = new ArrayList<>();
        for (String line : Files.readAllLines(SETTINGS)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher variable = assignment.matcher(line);
            assertTrue(variable.matches(), "not VARIABLE=value: " + line);
            set.add(variable.group(1));
            assertTrue(unit.contains("${" + variable.group(1) + "}") || unit.contains("$" + variable.group(1) + " ")
                    || unit.contains("$" + variable.group(1) + "\n"), variable.group(1) + " is not used by the unit");
        }
        assertEquals(List.of("TIMETRAVEL_DB", "TIMETRAVEL_OPTS"), set);
    }

    @Test
    void thePackageScriptsAreValidShell() throws Exception {
        for (String script : List.of("postinst", "prerm", "postrm")) {
            CommandOutput check = run(List.of("sh", "-n", LINUX.resolve(script).toString()));
            assertEquals(0, check.status(), script + ": " + check.output());
            assertTrue(Files.isExecutable(LINUX.resolve(script)), script + " is not executable");
        }
    }

    /**
     * {@code systemd-analyze verify} of {@code unit} in a scratch root holding the host's targets
     * and slices and, with {@code launcher}, a stand-in for the launcher: verify refuses a unit
     * whose program is missing.
     */
    private CommandOutput verify(Path unit, boolean launcher) throws Exception {
        assumeTrue(Files.isExecutable(ANALYZE), "systemd-analyze is not installed (apt-get install systemd)");
        Path system = SYSTEM_UNITS.stream().filter(Files::isDirectory).findFirst().orElse(null);
        assumeTrue(system != null, "no systemd units on this machine");
        Path units = Files.createDirectories(root.resolve("lib/systemd/system"));
        try (Stream<Path> files = Files.list(system)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && (name.endsWith(".target") || name.endsWith(".slice"))) {
                    Files.copy(file, units.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path program = root.resolve("opt/timetravel/bin/timetravel-server");
        Files.deleteIfExists(program);
        if (launcher) {
            Files.createDirectories(program.getParent());
            Files.writeString(program, "#!/bin/sh\n");
            Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path installed = Files.createDirectories(root.resolve("etc/systemd/system")).resolve("timetravel-server.service");
        Files.copy(unit, installed, StandardCopyOption.REPLACE_EXISTING);
        return run(List.of(ANALYZE.toString(), "verify", "--man=no", "--root=" + root, "timetravel-server.service"));
    }

    private static String directive(String unit, String key) {
        Matcher line = Pattern.compile("(?m)^" + key + "=(.*)$").matcher(unit);
        assertTrue(line.find(), key + " is not set");
        return line.group(1);
    }

    private record CommandOutput(int status, String output) {
    }

    private static CommandOutput run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running: " + command);
        return new CommandOutput(process.exitValue(), output);
    }
}
