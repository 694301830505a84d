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

    @Option(names = "--db", paramLabel = "PATH", description = "the database (default db/timetravel.db)")
    Path database;

    @Option(names = "--signing-key", paramLabel = "PATH",
            description = "the key file (default keys/signing-key.pem beside the database); to check digests its public"
                    + " half alone will do, as keys show prints it")
    Path signingKey;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    TimetravelCommand root() {
        return TimetravelCommand.root(command);
    }

    Path database() {
        return database != null ? database : Options.defaults(root().system()).database();
    }

    Path keyFile() {
        return signingKey != null ? signingKey : SigningKeyFile.defaultFor(database());
    }
}
