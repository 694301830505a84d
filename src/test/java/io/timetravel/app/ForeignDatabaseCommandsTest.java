package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator sees when a command is pointed at a database another program made: one line, no stack trace. */
class ForeignDatabaseCommandsTest {

    @TempDir
    Path home;

    @Test
    void everyCommandSaysInOneLineThatTheFileIsNotOursAndLeavesIt() throws Exception {
        Path db = home.resolve("timetravel.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE schema_migrations (version uint64, dirty bool)");
            statement.execute("CREATE TABLE policyholders (id INTEGER PRIMARY KEY, data TEXT)");
        }
        byte[] before = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(db));
        String refusal = db + " is not a Timetravel database: it has tables policyholders, schema_migrations and a"
                + " schema_migrations table of another kind (columns dirty, version); it was not changed";

        // verify's status for "cannot verify" is 2; the others fail with 1.
        String[][] commands = {{"users", "list", "--db", db.toString()}, {"verify", "--db", db.toString()},
            {"serve", "--db", db.toString(), "--port", "0"}};
        int[] statuses = {1, 2, 1};
        for (int i = 0; i < commands.length; i++) {
            String[] args = commands[i];
            CommandRun run = CommandRun.in(home, args);
            String command = String.join(" ", args);

            assertEquals(statuses[i], run.status(), command + ": " + run);
            String line = run.err().lines().filter(text -> text.contains(refusal)).findFirst().orElse("");
            assertTrue(line.contains(refusal), command + " says what it found: " + run.err());
            assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), command + ": no stack trace: " + run.err());
            assertArrayEquals(before, MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(db)), command);
        }
    }
}
