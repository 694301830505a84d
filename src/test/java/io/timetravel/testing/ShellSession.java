package io.timetravel.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Commands as a reader types them, one after the other in one folder through {@code bash -c},
 * with the shell variables an earlier command set (for example {@code H='X-User-ID: 42'}).
 * Before a command runs, each key of {@code substitutions} in it is replaced by its value (the
 * documented port by the test server's, {@code java -jar target/timetravel.jar} by this class
 * path's launcher).
 */
public final class ShellSession {

    private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=");
    private static final String VARIABLES = ".shell-variables";

    private final Path folder;
    private final Map<String, String> substitutions;

    public ShellSession(Path folder, Map<String, String> substitutions) {
        this.folder = folder;
        this.substitutions = substitutions;
    }

    /**
     * Runs {@code command} and returns what it printed (stdout and stderr, as they came): once it
     * ended, or, for a command that does not end by itself (a live event stream), as soon as
     * {@code enough} holds for its output so far, then it is stopped. Fails after {@code deadline}.
     */
    public String run(String command, Predicate<String> enough, Duration deadline) {
        String script = substitute(command);
        Matcher assignment = ASSIGNMENT.matcher(command);
        StringBuilder full = new StringBuilder("[ -f " + VARIABLES + " ] && . ./" + VARIABLES + "\n").append(script).append('\n');
        if (assignment.find()) {
            full.append("declare -p ").append(assignment.group(1)).append(" >> ").append(VARIABLES).append('\n');
        }
        Process process;
        try {
            process = new ProcessBuilder("bash", "-c", full.toString()).directory(folder.toFile())
                    .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(process.getInputStream(), output), "shell-output");
        reader.setDaemon(true);
        reader.start();
        try {
            Wait.until(deadline, () -> !process.isAlive() || enough.test(text(output)),
                    () -> "the command to end: " + command + "\nso far: " + text(output));
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
            }
        }
        try {
            reader.join(deadline.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return text(output);
    }

    private String substitute(String command) {
        String result = command;
        for (Map.Entry<String, String> entry : substitutions.entrySet()) {
            result = result.replace(entry.getKey(), entry.getValue());
        }
        return result;
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the process was stopped: what it printed so far is the output
        }
    }

    private static String text(ByteArrayOutputStream output) {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }
}
