package io.timetravel.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless server in a child JVM on the test class path, as operators run it
 * ({@code --headless --db ... --port 0 --logs ...}), ready once it printed the line
 * {@code serving http://...}. {@link #kill()} is {@code kill -9}: no shutdown hook, no flush.
 */
public final class ChildServer implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("serving (http://\\S+)");
    /** Start-up on a busy machine: a JVM, migrations, the first connections. */
    private static final Duration START_DEADLINE = Duration.ofSeconds(120);
    private static final String LAUNCHER = "io.timetravel.app.Launcher";

    private final Process process;
    private final String url;

    private ChildServer(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** A server on the SQLite file {@code db}, logging to {@code logs}, with {@code jvmOptions} for its JVM. */
    public static ChildServer start(Path db, Path logs, List<String> jvmOptions) throws Exception {
        return start(db.toString(), logs, jvmOptions, List.of());
    }

    /**
     * A server on {@code db} (a SQLite path or a {@code jdbc:postgresql://} URL) with {@code options}
     * after the usual ones (e.g. {@code --data DIR}, {@code --auth tokens}).
     */
    public static ChildServer start(String db, Path logs, List<String> jvmOptions, List<String> options) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LAUNCHER,
                "--headless", "--db", db, "--port", "0", "--logs", logs.toString()));
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> url = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher matcher = SERVING.matcher(line);
                    if (matcher.find()) {
                        url.complete(matcher.group(1));
                    } else if (!url.isDone()) {
                        synchronized (output) {
                            output.append(line).append('\n');
                        }
                    }
                }
                synchronized (output) {
                    url.completeExceptionally(new IllegalStateException("server exited before listening: " + output));
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ChildServer(process, url.get(START_DEADLINE.toSeconds(), TimeUnit.SECONDS));
        } catch (Exception e) {
            // A child that never said it listens must not outlive the test.
            process.destroyForcibly();
            throw e;
        }
    }

    /** {@code http://HOST:PORT}, without a trailing slash. */
    public String url() {
        return url;
    }

    public Process process() {
        return process;
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the killed server " + process.pid() + " is still running");
        }
    }

    /** SIGTERM (the shutdown hook closes the store), SIGKILL after 20 s. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
