package io.timetravel.testing;

import io.timetravel.storage.DbTarget;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The database engines a test can run on. A test class written for one engine runs on the other
 * through a subclass that overrides the engine (e.g. {@code PostgresTimeMachineHttpTest}).
 */
public enum Engine {

    /** A new SQLite file in the test's folder. */
    SQLITE {
        @Override
        public DbTarget freshDatabase(Path folder) {
            return DbTarget.sqlite(folder.resolve("timetravel.db"));
        }
    },

    /** A new database of its own on the tests' PostgreSQL server ({@link PostgresServer}). */
    POSTGRES {
        @Override
        public DbTarget freshDatabase(Path folder) {
            return PostgresServer.freshDatabase();
        }
    };

    /** A new, empty database; {@code folder} is the test's own, for a SQLite file. */
    public abstract DbTarget freshDatabase(Path folder);

    /** The real application on a new, empty database, listening on a free port. */
    public TestServer startServer(Path folder, Clock clock, String... extraArgs) {
        return TestServer.start(freshDatabase(folder), folder, clock, extraArgs);
    }

    public TestServer startServer(Path folder) {
        return startServer(folder, Clock.systemUTC());
    }
}
