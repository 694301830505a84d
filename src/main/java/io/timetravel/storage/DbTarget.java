package io.timetravel.storage;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where the store lives: a SQLite file, or a PostgreSQL database named by a JDBC URL
 * ({@code jdbc:postgresql://HOST:PORT/DB?user=U&password=P}, or with the credentials in
 * {@link #USER_VARIABLE} and {@link #PASSWORD_VARIABLE}). The only place that tells the two
 * apart from what the user typed (docs/decisions/0029).
 *
 * @param file the SQLite file, or {@code null} for PostgreSQL
 * @param url  the PostgreSQL JDBC URL as given (it may hold a password: never print it, use {@link #describe()}), or {@code null}
 * @param user the user from the environment when the URL names none, or {@code null}
 * @param password the password from the environment when the URL holds none, or {@code null}
 */
public record DbTarget(Path file, String url, String user, String password) {

    /** The environment variable with the PostgreSQL user, when the URL does not name one. */
    public static final String USER_VARIABLE = "TIMETRAVEL_DB_USER";
    /** The environment variable with the PostgreSQL password, when the URL does not hold one. */
    public static final String PASSWORD_VARIABLE = "TIMETRAVEL_DB_PASSWORD";

    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&]password=)[^&]*");

    public DbTarget {
        if ((file == null) == (url == null)) {
            throw new IllegalArgumentException("a database is either a file or a URL");
        }
    }

    /** A SQLite file. */
    public static DbTarget sqlite(Path file) {
        return new DbTarget(Objects.requireNonNull(file, "file"), null, null, null);
    }

    /** What {@code --db} says, with the credentials the process environment gives. */
    public static DbTarget parse(String value) {
        return parse(value, System.getenv());
    }

    /**
     * What {@code --db} says: a PostgreSQL JDBC URL, or else the path of a SQLite file.
     *
     * @throws IllegalArgumentException for a JDBC URL of another engine, or a PostgreSQL URL with no database
     */
    public static DbTarget parse(String value, Map<String, String> environment) {
        Objects.requireNonNull(value, "value");
        if (value.regionMatches(true, 0, POSTGRES_PREFIX, 0, POSTGRES_PREFIX.length())) {
            String rest = value.substring(POSTGRES_PREFIX.length());
            if (!rest.startsWith("//") || rest.indexOf('/', 2) < 0 || rest.indexOf('/', 2) == rest.length() - 1) {
                throw new IllegalArgumentException("a PostgreSQL database is given as jdbc:postgresql://HOST:PORT/DATABASE"
                        + " (with ?user=U&password=P or " + USER_VARIABLE + " and " + PASSWORD_VARIABLE + ")");
            }
            return new DbTarget(null, value, environment.get(USER_VARIABLE), environment.get(PASSWORD_VARIABLE));
        }
        if (value.regionMatches(true, 0, "jdbc:", 0, 5)) {
            throw new IllegalArgumentException("unsupported database URL " + describe(value)
                    + ": give a SQLite file path or a jdbc:postgresql:// URL");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException("the database path is empty");
        }
        return sqlite(Path.of(value));
    }

    /** Whether this is a PostgreSQL database. */
    public boolean postgres() {
        return url != null;
    }

    /** The file, or the URL without its password: for messages and logs. */
    public String describe() {
        return postgres() ? describe(url) : file.toString();
    }

    private static String describe(String url) {
        return PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
    }

    /** The connection properties for the PostgreSQL driver: the environment's credentials where the URL has none. */
    Properties connectionProperties() {
        Properties properties = new Properties();
        if (user != null && !hasParameter("user")) {
            properties.setProperty("user", user);
        }
        if (password != null && !hasParameter("password")) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "timetravel");
        return properties;
    }

    private boolean hasParameter(String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return false;
        }
        for (String pair : url.substring(query + 1).split("&")) {
            String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return describe();
    }
}
