package io.timetravel.app.bench;

import io.timetravel.service.AccessService;
import io.timetravel.service.RecordService;
import java.nio.file.Path;

/**
 * The services the workbench's timeline reads, opened on the scratch database the way {@code serve}
 * opens them, and what to close after. The bench command opens them ({@link Opener}), so that this
 * package needs nothing of the application's wiring.
 */
public record BenchStore(RecordService records, AccessService access, Runnable closing) implements AutoCloseable {

    /** Opens the store on a database no server runs on. */
    @FunctionalInterface
    public interface Opener {
        BenchStore open(Path db);
    }

    @Override
    public void close() {
        closing.run();
    }
}
