package io.timetravel.app;

import io.timetravel.http.LogText;
import io.timetravel.service.DaemonThreads;
import io.timetravel.storage.FileReason;
import io.timetravel.storage.OwnerOnlyFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    /** The size at which {@code app.log} is rotated to {@code app.log.1}. */
    public static final long ROTATE_BYTES = 10L * 1024 * 1024;
    /** How many log files are kept, {@code app.log} included ({@code app.log.1} is the newest rotated one). */
    public static final int KEEP_FILES = 5;

    /** Installs the handler on the root logger; returns it so it can be flushed and closed. */
    public static AsyncLineHandler configure(Path logDir, PrintStream console) throws IOException {
        return configure(logDir, console, ROTATE_BYTES, KEEP_FILES);
    }

    /**
     * {@link #configure(Path, PrintStream)} rotating {@code app.log} once it would grow past
     * {@code rotateBytes}, keeping {@code keepFiles} files in all.
     */
    public static AsyncLineHandler configure(Path logDir, PrintStream console, long rotateBytes, int keepFiles)
            throws IOException {
        Files.createDirectories(logDir);
        Writer file = new RotatingFile(logDir.resolve("app.log"), rotateBytes, keepFiles);
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
            console.println("error: cannot write logs to " + logDir + ": " + FileReason.of(e, logDir));
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

    /**
     * {@code app.log}, rotated by size: when a line would take it past the limit it becomes
     * {@code app.log.1} (the one before becomes {@code app.log.2}, and so on; the oldest beyond
     * the number kept is deleted) and a new {@code app.log} begins. Written by one thread.
     */
    static final class RotatingFile extends Writer {
        private final Path file;
        private final long limit;
        private final int keep;
        private Writer out;
        private long size;

        RotatingFile(Path file, long limit, int keep) throws IOException {
            if (limit < 1 || keep < 1) {
                throw new IllegalArgumentException("log rotation needs a positive size and number of files");
            }
            this.file = file;
            this.limit = limit;
            this.keep = keep;
            open();
        }

        private void open() throws IOException {
            // Request lines name users and records: owner-only, like the database.
            OwnerOnlyFiles.createFile(file);
            size = Files.size(file);
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }

        /** {@code app.log.N}. */
        Path rotated(int generation) {
            return file.resolveSibling(file.getFileName() + "." + generation);
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            long bytes = utf8Length(chars, offset, length);
            if (size > 0 && size + bytes > limit) {
                rotate();
            }
            out.write(chars, offset, length);
            size += bytes;
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            char[] chars = new char[length];
            text.getChars(offset, offset + length, chars, 0);
            write(chars, 0, length);
        }

        private void rotate() throws IOException {
            out.close();
            try {
                if (keep > 1) {
                    Files.deleteIfExists(rotated(keep - 1));
                }
                for (int generation = keep - 2; generation >= 1; generation--) {
                    if (Files.exists(rotated(generation))) {
                        Files.move(rotated(generation), rotated(generation + 1), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                if (keep > 1) {
                    Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.delete(file);
                }
            } finally {
                // Whatever happened to the old files, logging goes on in app.log.
                open();
            }
        }

        private static long utf8Length(char[] chars, int offset, int length) {
            long bytes = 0;
            for (int i = offset; i < offset + length; i++) {
                char c = chars[i];
                bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            }
            return bytes;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
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
            this.thread = DaemonThreads.start("log-writer", this::drain);
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
