package io.timetravel.app;

import io.timetravel.domain.DigestKey;
import io.timetravel.storage.SigningKeyFile;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code keys show}: the key that signs digests of the ledger, for auditors to keep. */
@Command(name = "keys", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {KeysCommand.Show.class},
        description = {"The installation's Ed25519 key that signs digests of the ledger (docs/decisions/0021)."},
        footer = {"", KeysCommand.EXIT_STATUS})
final class KeysCommand {

    static final String EXIT_STATUS = "Exit status: 0 done, 1 no key yet or it cannot be read, 2 the command line makes no sense.";

    /** {@code keys show}. */
    @Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Prints the key's id and its public half as PEM (what openssl and verify --signing-key read)."
                    + " The private half is never printed."},
            footer = {"", "Example: keys show --db db/timetravel.db | sed -n '/BEGIN/,/END/p' > timetravel-public.pem",
                EXIT_STATUS})
    static final class Show implements Callable<Integer> {

        @Mixin
        KeyFileOptions options;

        @Override
        public Integer call() {
            TimetravelCommand root = options.root();
            LogSetup.warningsOnly(root.err());
            Path file = options.keyFile();
            Optional<DigestKey> key;
            try {
                key = SigningKeyFile.read(file);
            } catch (RuntimeException e) {
                root.err().println("error: " + e.getMessage());
                return 1;
            }
            if (key.isEmpty()) {
                root.err().println("error: no signing key at " + file.toAbsolutePath().normalize()
                        + " yet; the server or the workbench creates it when it first starts on the database");
                return 1;
            }
            root.out().println("key_id: " + key.get().keyId());
            root.out().println("file:   " + file.toAbsolutePath().normalize());
            root.out().print(key.get().publicPem());
            return 0;
        }
    }
}
