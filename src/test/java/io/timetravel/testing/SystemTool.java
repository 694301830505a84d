package io.timetravel.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A program the tests run from the machine (promtool, sqlite3): found on the PATH, else the test
 * is skipped, except under CI (the CI variable set), where that is a failure, since
 * {@code .ci/run} installs every such program.
 */
public final class SystemTool {

    private SystemTool() {
    }

    /** The program {@code name} on the PATH; {@code install} says how to get it. */
    public static Path require(String name, String install) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String folder : path.split(File.pathSeparator)) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(folder, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String missing = name + " is not installed (" + install + ")";
        if (System.getenv("CI") != null) {
            fail(missing + "; .ci/run must install it");
        }
        Assumptions.assumeTrue(false, missing);
        return null;
    }
}
