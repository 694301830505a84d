package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code packaging/desktop-check.sh}, the README's first step, run with its libraries looked up
 * in a test folder (TIMETRAVEL_LIB_DIRS) instead of the machine's, so a library can be missing.
 */
class DesktopCheckScriptTest {

    private static final Path SCRIPT = Path.of("packaging", "desktop-check.sh").toAbsolutePath();
    private static final List<String> LIBRARIES = List.of("libgtk-3.so.0", "libgdk-3.so.0", "libXtst.so.6", "libX11.so.6",
            "libpangoft2-1.0.so.0", "libfontconfig.so.1", "libfreetype.so.6");

    @TempDir
    Path dir;
    Path libs;
    Path bin;

    @BeforeEach
    void machine() throws Exception {
        libs = Files.createDirectory(dir.resolve("libs"));
        for (String library : LIBRARIES) {
            Files.writeString(libs.resolve(library), "");
        }
        // Maven as the script finds it on the PATH; this test's JVM as java.
        bin = Files.createDirectory(dir.resolve("bin"));
        program("mvn", "echo 'Apache Maven 3.9.0'");
        program("java", "exec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"");
    }

    private void program(String name, String body) throws Exception {
        Path program = Files.writeString(bin.resolve(name), "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aMachineWithEverythingPasses() throws Exception {
        Result result = check(Map.of("DISPLAY", ":0"));

        assertEquals(0, result.status(), result.output());
        assertEquals("desktop-check: ok (Java, Maven, GTK 3 libraries and a display found)", result.output().strip());
    }

    @Test
    void aMissingLibraryIsNamedWithItsInstallCommand() throws Exception {
        Files.delete(libs.resolve("libXtst.so.6"));
        Result result = check(Map.of("DISPLAY", ":0"));

        assertEquals(1, result.status(), result.output());
        assertEquals(List.of("desktop-check: missing libXtst.so.6 (the desktop's JavaFX needs it): sudo apt-get install libxtst6",
                "desktop-check: without these libraries, java -jar target/timetravel.jar --headless runs the server without a window"),
                result.output().lines().toList());
    }

    @Test
    void severalMissingPackagesAreNamedOnceAndAllAtOnce() throws Exception {
        Files.delete(libs.resolve("libgtk-3.so.0"));
        Files.delete(libs.resolve("libgdk-3.so.0"));
        Files.delete(libs.resolve("libXtst.so.6"));
        Result result = check(Map.of("WAYLAND_DISPLAY", "wayland-0"));

        assertEquals(1, result.status(), result.output());
        assertTrue(result.output().contains("desktop-check: all at once: sudo apt-get install libgtk-3-0 libxtst6\n"),
                result.output());
    }

    @Test
    void noDisplayPointsToHeadless() throws Exception {
        Result result = check(Map.of());

        assertEquals(1, result.status(), result.output());
        assertEquals(List.of("desktop-check: no display (DISPLAY and WAYLAND_DISPLAY are unset): run the server without a window,"
                + " java -jar target/timetravel.jar --headless"), result.output().lines().toList());
    }

    private record Result(int status, String output) {
    }

    private Result check(Map<String, String> display) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        env.putAll(display);
        env.put("TIMETRAVEL_LIB_DIRS", dir.resolve("elsewhere") + ":" + libs);
        env.put("PATH", bin + ":/usr/bin:/bin");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the check ends");
        return new Result(process.exitValue(), output);
    }
}
