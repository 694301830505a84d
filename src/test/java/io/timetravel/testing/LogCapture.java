package io.timetravel.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every log record of this JVM at INFO and above while open (the application logs through
 * System.Logger, i.e. java.util.logging), for tests that assert what the log says, or that no
 * stack trace reached it.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger root = Logger.getLogger("");
    private final Level level = root.getLevel();
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (records) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public LogCapture() {
        // Other tests in this JVM (the command line's) may have turned the root logger down to warnings.
        root.setLevel(Level.INFO);
        root.addHandler(handler);
    }

    /** What was logged so far. */
    public List<LogRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** The records that carry a stack trace, as "message: throwable" for a failure message. */
    public List<String> stackTraces() {
        return records().stream().filter(record -> record.getThrown() != null)
                .map(record -> record.getMessage() + ": " + record.getThrown()).toList();
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        root.setLevel(level);
    }
}
