package io.timetravel.app;

import io.timetravel.storage.SigningKeyFile;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code keys show} and {@code verify} share (a picocli mixin): the database and the key
 * that signs digests of its ledger, with their defaults, and the streams of the command line.
 */
final class KeyFileOptions {

    @Option(names = "--db", paramLabel = "PATH|URL",
            description = "the database (default db/timetravel.db), or a PostgreSQL jdbc:postgresql:// URL")
    String database;

    @Option(names = "--data", paramLabel = "DIR",
            description = "with a PostgreSQL --db: the server's data folder, with its keys and digests.log (default db/)")
    Path dataDir;

    @Option(names = "--signing-key", paramLabel = "PATH",
            description = "the key file (default keys/signing-key.pem beside the database); to check digests its public"
                    + " half alone will do, as keys show prints it")
    Path signingKey;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    TimetravelCommand root() {
        return TimetravelCommand.root(command);
    }

    /**
     * The database, and where its key and digests are kept.
     *
     * @throws picocli.CommandLine.ParameterException for a bad URL, or --data with a SQLite file
     */
    DatabaseChoice database() {
        try {
            return DatabaseChoice.of(database, dataDir, Options.defaults(root().system()).database());
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), e.getMessage(), e);
        }
    }

    Path keyFile() {
        return signingKey != null ? signingKey : SigningKeyFile.defaultFor(database().anchor());
    }
}
