package io.timetravel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DbTargetTest {

    @Test
    void aPathIsASqliteFileAndAPostgresUrlIsPostgres() {
        DbTarget file = DbTarget.parse("db/timetravel.db", Map.of());
        assertFalse(file.postgres());
        assertEquals(Path.of("db/timetravel.db"), file.file());
        assertEquals("db/timetravel.db", file.describe());

        DbTarget postgres = DbTarget.parse("jdbc:postgresql://db.example.com:5432/tt?user=u", Map.of());
        assertTrue(postgres.postgres());
        assertNull(postgres.file());
        assertEquals("jdbc:postgresql://db.example.com:5432/tt?user=u", postgres.describe());
    }

    @Test
    void theEnvironmentGivesCredentialsTheUrlDoesNotHold() {
        Map<String, String> environment = Map.of(DbTarget.USER_VARIABLE, "env-user", DbTarget.PASSWORD_VARIABLE, "env-secret");
        DbTarget bare = DbTarget.parse("jdbc:postgresql://h/tt", environment);
        assertEquals("env-user", bare.connectionProperties().getProperty("user"));
        assertEquals("env-secret", bare.connectionProperties().getProperty("password"));

        // The URL's own user and password win; the environment fills in only what it lacks.
        DbTarget own = DbTarget.parse("jdbc:postgresql://h/tt?user=url-user&password=url-secret", environment);
        assertNull(own.connectionProperties().getProperty("user"));
        assertNull(own.connectionProperties().getProperty("password"));
    }

    @Test
    void aPasswordIsNeverDescribed() {
        DbTarget target = DbTarget.parse("jdbc:postgresql://h:1/tt?user=u&password=s3cret&ssl=true", Map.of());
        assertEquals("jdbc:postgresql://h:1/tt?user=u&password=***&ssl=true", target.describe());
        assertEquals(target.describe(), target.toString());
        assertFalse(target.describe().contains("s3cret"));
    }

    @Test
    void otherUrlsAreRefusedWithTheFormThatWorks() {
        IllegalArgumentException mysql = assertThrows(IllegalArgumentException.class,
                () -> DbTarget.parse("jdbc:mysql://h/tt?password=x", Map.of()));
        assertTrue(mysql.getMessage().contains("jdbc:postgresql://"), mysql.getMessage());
        assertFalse(mysql.getMessage().contains("password=x"), mysql.getMessage());
        for (String bad : new String[] {"jdbc:postgresql:tt", "jdbc:postgresql://host", "jdbc:postgresql://host/"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> DbTarget.parse(bad, Map.of()), bad);
            assertTrue(refused.getMessage().contains("jdbc:postgresql://HOST:PORT/DATABASE"), refused.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> DbTarget.parse(" ", Map.of()));
    }
}
