package io.timetravel.app;

import io.timetravel.domain.access.Actor;
import io.timetravel.service.AccessService;
import io.timetravel.service.InvalidRequestException;
import io.timetravel.service.ServiceException;
import io.timetravel.storage.Database;
import io.timetravel.storage.MaskingKey;
import io.timetravel.storage.SqlAccessStore;
import io.timetravel.storage.SqlRecordStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What {@code users}, {@code tokens}, {@code policies} and {@code flags} share (a picocli mixin):
 * the {@code --db} option, opening the store (and the {@link AccessService}) beside a server that
 * may be running on the same file, closing it again, and turning refusals into exit statuses.
 */
final class AccessAdmin {

    /** Who the command line's changes are audited as: actor 0, the command line on the database host. */
    static final Actor ACTOR = Actor.ANONYMOUS;

    /** The footer of every access command's help. */
    static final String AUDITED = "Changes are audited as actor 0: the command line on the database host.";
    static final String EXIT_STATUS = "Exit status: 0 done, 1 failed (e.g. no such user), 2 the command line makes no sense.";

    @Option(names = "--db", paramLabel = "PATH|URL",
            description = "database file (default db/timetravel.db, as the server's; created if missing), or a PostgreSQL"
                    + " jdbc:postgresql:// URL. A server may be running on it")
    String database;

    @Option(names = "--data", paramLabel = "DIR",
            description = "with a PostgreSQL --db: the servers' data folder, with the masking key (default db/)")
    Path dataDir;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Work on the access service; returns the exit status. */
    @FunctionalInterface
    interface Work {
        int run(AccessService access, PrintStream out);
    }

    /** Work on the store itself (flags); returns the exit status. */
    @FunctionalInterface
    interface StoreWork {
        int run(SqlRecordStore store, PrintStream out);
    }

    /**
     * Opens the database (creating and migrating it if needed), runs {@code work} on the access
     * service and closes it. A refusal such as "user 5 not found" is one line on stderr and
     * status 1; invalid input is a usage error (status 2); nothing ends in a stack trace.
     */
    int run(Work work) {
        return open((store, chosen, out) -> work.run(
                new AccessService(new SqlAccessStore(store, MaskingKey.load(chosen.anchor())), Clock.systemUTC()), out));
    }

    /** As {@link #run(Work)}, with the store alone. */
    int runOnStore(StoreWork work) {
        return open((store, chosen, out) -> work.run(store, out));
    }

    private static Database openBeside(DatabaseChoice chosen) {
        chosen.prepareDataFolder();
        return Database.openBeside(chosen.target());
    }

    /** Work on the opened database and its store. */
    private interface OpenedWork {
        int run(SqlRecordStore store, DatabaseChoice chosen, PrintStream out);
    }

    private int open(OpenedWork work) {
        TimetravelCommand root = TimetravelCommand.root(command);
        // Flyway's and jOOQ's start-up lines would mix with the output that scripts read.
        LogSetup.warningsOnly(root.err());
        DatabaseChoice chosen;
        try {
            chosen = DatabaseChoice.of(database, dataDir, Options.defaults(root.system()).database());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
        // No process lock: on SQLite the server's writer and this one take turns through SQLite's
        // own locking; on PostgreSQL this writer holds a lane of its own.
        try (Database opened = openBeside(chosen);
             SqlRecordStore store = new SqlRecordStore(opened, Clock.systemUTC(), 2)) {
            return work.run(store, chosen, root.out());
        } catch (RuntimeException e) {
            Throwable problem = ServiceException.cause(e);
            if (problem instanceof InvalidRequestException || problem instanceof IllegalArgumentException) {
                throw new ParameterException(command.commandLine(), problem.getMessage(), problem);
            }
            root.err().println("error: " + (problem.getMessage() != null ? problem.getMessage() : problem.getClass().getSimpleName()));
            return 1;
        }
    }
}
