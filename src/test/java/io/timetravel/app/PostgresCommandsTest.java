package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on a PostgreSQL database: the same commands, the same output, keys in the data folder. */
class PostgresCommandsTest {

    @TempDir
    Path home;

    @Test
    void usersTokensFlagsAndVerifyWorkOnAPostgresDatabaseWithTheirKeysInTheDataFolder() {
        String url = PostgresServer.get().createDatabase();
        Path data = home.resolve("data");

        CommandRun added = CommandRun.in(home, "users", "add", "--db", url, "--data", data.toString(), "--id", "1", "--name", "Ada",
                "--role", "admin");
        assertEquals(0, added.status(), added::toString);
        assertEquals("added user 1 (Ada): roles admin, pii no\n", added.out());
        assertTrue(Files.isRegularFile(data.resolve(DatabaseChoice.DATA_ANCHOR + ".masking-key")), "the masking key is in the data folder");

        CommandRun token = CommandRun.in(home, "tokens", "issue", "--db", url, "--data", data.toString(), "--user", "1");
        assertEquals(0, token.status(), token::toString);
        assertTrue(token.out().strip().lines().reduce((first, last) -> last).orElseThrow().startsWith("tt_"), token.out());

        CommandRun flag = CommandRun.in(home, "flags", "set", "enable_metrics", "--enabled", "false", "--reason", "test", "--db", url);
        assertEquals(0, flag.status(), flag::toString);
        assertEquals("enable_metrics: off, rollout 100%, all regions (was on, rollout 100%, all regions)\n", flag.out());

        CommandRun verified = CommandRun.in(home, "verify", "--db", url, "--data", data.toString());
        assertEquals(0, verified.status(), verified::toString);
        assertTrue(verified.out().contains("audit trail: 3 entries"), verified.out());
        assertTrue(verified.out().contains("OK: every version row, audit entry and event holds"), verified.out());
        assertEquals("", verified.err(), "no start-up chatter");
    }

    @Test
    void aDataFolderWithASqliteFileAndAnUnreachableServerAreOneLineEach() {
        CommandRun sqlite = CommandRun.in(home, "verify", "--db", home.resolve("t.db").toString(), "--data", home.toString());
        assertEquals(2, sqlite.status(), sqlite::toString);
        assertTrue(sqlite.err().contains("--data is for a PostgreSQL --db"), sqlite.err());

        CommandRun unreachable = CommandRun.in(home, "users", "list", "--db", "jdbc:postgresql://127.0.0.1:1/none?user=u&password=secret");
        assertEquals(1, unreachable.status(), unreachable::toString);
        assertTrue(unreachable.err().startsWith("error: cannot connect to database jdbc:postgresql://127.0.0.1:1/none?user=u&password=***"),
                unreachable.err());
        assertTrue(!unreachable.err().contains("secret") && unreachable.err().lines().count() == 1, unreachable.err());
    }
}
