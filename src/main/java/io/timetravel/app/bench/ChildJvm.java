package io.timetravel.app.bench;

import io.timetravel.service.DaemonThreads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Java program the benchmark runs in a process of its own, on this program's class path (the
 * jar's manifest brings its lib/), so that its memory can be read from {@code /proc}. Ready once
 * it prints a line with {@code http://HOST:PORT}; {@link #close()} stops it as an operator does
 * (SIGTERM, so it shuts down cleanly), and kills it if it does not stop.
 */
final class ChildJvm implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("(?:serving|listening on) http://([^\\s/:]+|\\[[^]]+]):(\\d+)");
    /** A JVM starting on a busy machine, migrations included. */
    private static final Duration START_DEADLINE = Duration.ofSeconds(120);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(60);
    private static final int MAX_KEPT_LINES = 2000;

    /** What the process printed, the first lines of it: for a line it prints later than where it listens. */
    private final List<String> printed;
    private final Process process;
    private final InetSocketAddress address;
    private final long startNanos;
    private final long readyNanos;

    private ChildJvm(Process process, List<String> printed, InetSocketAddress address, long startNanos, long readyNanos) {
        this.printed = printed;
        this.process = process;
        this.address = address;
        this.startNanos = startNanos;
        this.readyNanos = readyNanos;
    }

    /**
     * {@code java JVM_OPTIONS -cp CLASSPATH MAIN ARGS} with {@code environment} added to this
     * process's, once it printed where it listens; its output goes to {@code log}.
     */
    static ChildJvm start(List<String> jvmOptions, Map<String, String> environment, String mainClass, List<String> args, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<InetSocketAddress> ready = new CompletableFuture<>();
        List<String> printed = java.util.Collections.synchronizedList(new ArrayList<>());
        DaemonThreads.start("bench-child-output", () -> copy(process, log, ready, printed));
        try {
            InetSocketAddress address = ready.get(START_DEADLINE.toSeconds(), TimeUnit.SECONDS);
            return new ChildJvm(process, printed, address, started, System.nanoTime());
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IOException(String.join(" ", command.subList(0, Math.min(command.size(), 3))) + "… " + mainClass
                    + " did not start: " + cause.getMessage() + " (its output: " + log + ")", cause);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + mainClass + " started", e);
        }
    }

    private static void copy(Process process, Path log, CompletableFuture<InetSocketAddress> ready, List<String> printed) {
        StringBuilder early = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                if (printed.size() < MAX_KEPT_LINES) {
                    printed.add(line);
                }
                if (!ready.isDone()) {
                    Matcher matcher = URL.matcher(line);
                    if (matcher.find()) {
                        String host = matcher.group(1).replace("[", "").replace("]", "");
                        ready.complete(new InetSocketAddress(host, Integer.parseInt(matcher.group(2))));
                    } else if (early.length() < 4000) {
                        early.append(line).append('\n');
                    }
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(new UncheckedIOException(e));
        }
        ready.completeExceptionally(new IOException("it exited before listening: " + early.toString().strip()));
    }

    InetSocketAddress address() {
        return address;
    }

    URI uri(String path) {
        return URI.create("http://" + address.getHostString() + ":" + address.getPort() + path);
    }

    long pid() {
        return process.pid();
    }

    /**
     * The first group of the first line {@code pattern} finds in what the process printed,
     * waiting for it until {@code deadline}; empty if it exits or the deadline passes first.
     */
    Optional<String> awaitLine(Pattern pattern, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            synchronized (printed) {
                for (String line : printed) {
                    Matcher matcher = pattern.matcher(line);
                    if (matcher.find()) {
                        return Optional.of(matcher.group(1));
                    }
                }
            }
            if (!process.isAlive() || System.nanoTime() > end) {
                return Optional.empty();
            }
            Thread.sleep(50);
        }
    }

    /** The most resident memory the process has had (VmHWM), in bytes; empty where /proc does not say. */
    OptionalLong peakResident() {
        return ProcStatus.kilobytes(process.pid(), "VmHWM").stream().map(kb -> kb * 1024).findFirst();
    }

    /** Its resident memory now (VmRSS), in bytes. */
    OptionalLong resident() {
        return ProcStatus.kilobytes(process.pid(), "VmRSS").stream().map(kb -> kb * 1024).findFirst();
    }

    /** SIGTERM and waits until it has stopped cleanly (SIGKILL after a minute); returns its exit status. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
