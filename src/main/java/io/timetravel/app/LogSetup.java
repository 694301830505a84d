package io.timetravel.app;

import io.timetravel.http.LogText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes the JDK's logging (which every layer uses through {@link System.Logger}) to stderr and
 * {@code logs/app.log}, one line per message: {@code <instant> <LEVEL> <message>}.
 *
 * <p>Lines are written by a background thread so request threads never wait for the disk or
 * the terminal; if the writer falls far behind, lines are dropped and counted, never blocking.
 */
public final class LogSetup {

    private LogSetup() {
    }

    /** Installs the handler on the root logger; returns it so it can be flushed and closed. */
    public static AsyncLineHandler configure(Path logDir, PrintStream console) throws IOException {
        Files.createDirectories(logDir);
        // Request lines name users and records: owner-only, like the database.
        io.timetravel.storage.OwnerOnlyFiles.createFile(logDir.resolve("app.log"));
        Writer file = Files.newBufferedWriter(logDir.resolve("app.log"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Writer terminal = new BufferedWriter(new OutputStreamWriter(console, StandardCharsets.UTF_8));
        AsyncLineHandler handler = new AsyncLineHandler(List.of(file, terminal));
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        root.addHandler(handler);
        // Libraries that are chatty at INFO. JUL holds loggers weakly: a level set on one nobody
        // keeps is lost when it is collected, so they are kept here.
        for (Logger chatty : QUIETED) {
            chatty.setLevel(Level.WARNING);
        }
        return handler;
    }

    /**
     * {@link #configure} for the desktop and the server: when the folder cannot be written, says so
     * on {@code console} and returns {@code null} (the caller exits with status 1).
     */
    static AsyncLineHandler open(Path logDir, PrintStream console) {
        try {
            return configure(logDir, console);
        } catch (IOException e) {
            console.println("error: cannot write logs to " + logDir + ": " + e.getMessage());
            return null;
        }
    }

    private static final List<Logger> QUIETED = List.of(
            Logger.getLogger("org.flywaydb"), Logger.getLogger("org.jooq"), Logger.getLogger("org.eclipse.jetty"));

    /** For command-line tools: only warnings and errors, plainly, on {@code console}. */
    public static void warningsOnly(PrintStream console) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        java.util.logging.StreamHandler handler = new java.util.logging.StreamHandler(console, new java.util.logging.Formatter() {
            @Override
            public String format(LogRecord record) {
                return levelName(record.getLevel()) + " " + formatMessage(record) + System.lineSeparator();
            }
        });
        handler.setLevel(Level.WARNING);
        root.addHandler(handler);
    }

    /** The level names operators expect: ERROR, WARN, INFO, DEBUG. */
    static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARN";
        }
        return value >= Level.INFO.intValue() ? "INFO" : "DEBUG";
    }

    /** A JUL handler that formats on the caller's thread and writes on its own. */
    public static final class AsyncLineHandler extends Handler {
        private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(100_000);
        private final List<Writer> outputs;
        private final Thread thread;
        private final AtomicLong dropped = new AtomicLong();
        private volatile boolean open = true;

        AsyncLineHandler(List<Writer> outputs) {
            this.outputs = outputs;
            this.thread = new Thread(this::drain, "log-writer");
            this.thread.setDaemon(true);
            this.thread.start();
        }

        @Override
        public void publish(LogRecord record) {
            if (!open || !isLoggable(record)) {
                return;
            }
            // One message, one line: whatever a client got into a message (a path, a quoted value)
            // cannot start a line of its own that passes for another entry.
            StringBuilder line = new StringBuilder(128)
                    .append(io.timetravel.domain.Instants.format(Instant.ofEpochMilli(record.getMillis())))
                    .append(' ').append(levelName(record.getLevel())).append(' ')
                    .append(LogText.controls(String.valueOf(record.getMessage())));
            Throwable thrown = record.getThrown();
            if (thrown != null) {
                // A stack trace spans lines; each is indented, so none can start like an entry either.
                java.io.StringWriter trace = new java.io.StringWriter();
                thrown.printStackTrace(new java.io.PrintWriter(trace));
                for (String traceLine : trace.toString().stripTrailing().split("\\R")) {
                    line.append("\n\t").append(traceLine);
                }
            }
            line.append('\n');
            if (!lines.offer(line.toString())) {
                dropped.incrementAndGet();
            }
        }

        private void drain() {
            List<String> batch = new ArrayList<>(1024);
            while (open || !lines.isEmpty()) {
                try {
                    String first = lines.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    lines.drainTo(batch, 4095);
                    long lost = dropped.getAndSet(0);
                    if (lost > 0) {
                        batch.add(io.timetravel.domain.Instants.format(Instant.now())
                                + " WARN log writer fell behind; " + lost + " lines dropped\n");
                    }
                    write(batch);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    batch.clear();
                }
            }
        }

        private void write(List<String> batch) {
            for (Writer output : outputs) {
                try {
                    for (String line : batch) {
                        output.write(line);
                    }
                    output.flush();
                } catch (IOException e) {
                    // A log that cannot be written must not take the server down.
                }
            }
        }

        @Override
        public void flush() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (!lines.isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }

        @Override
        public void close() {
            flush();
            open = false;
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (Writer output : outputs) {
                try {
                    output.flush();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
