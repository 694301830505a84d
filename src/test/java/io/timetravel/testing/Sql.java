package io.timetravel.testing;

import io.timetravel.storage.DbTarget;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Raw SQL on a database over a connection of its own, the way an operator's sqlite3 or psql would:
 * for checking what is stored and for tampering, never through the application's code. Each
 * method takes a SQLite file or a {@link DbTarget} of either engine.
 */
public final class Sql {

    private Sql() {
    }

    /** The rows of a query, each as a list of column values as text. */
    public static List<List<String>> query(Path database, String sql) {
        return query(DbTarget.sqlite(database), sql);
    }

    public static List<List<String>> query(DbTarget database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery(sql)) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> row = new ArrayList<>(columns);
                    for (int i = 1; i <= columns; i++) {
                        row.add(result.getString(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The single value of a one-row, one-column query. */
    public static String scalar(Path database, String sql) {
        return scalar(DbTarget.sqlite(database), sql);
    }

    public static String scalar(DbTarget database, String sql) {
        List<List<String>> rows = query(database, sql);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new AssertionError("expected one value from " + sql + " but got " + rows);
        }
        return rows.get(0).get(0);
    }

    public static long count(Path database, String sql) {
        return count(DbTarget.sqlite(database), sql);
    }

    public static long count(DbTarget database, String sql) {
        return Long.parseLong(scalar(database, sql));
    }

    /** Runs a statement that changes data; returns the number of rows changed. */
    public static int update(Path database, String sql) {
        return update(DbTarget.sqlite(database), sql);
    }

    public static int update(DbTarget database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** A connection of its own; on SQLite it waits for the application's writer as sqlite3 would. */
    private static Connection connect(DbTarget database) throws SQLException {
        if (!database.postgres()) {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database.file());
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 5000");
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return connection;
        }
        Properties credentials = new Properties();
        if (database.user() != null) {
            credentials.setProperty("user", database.user());
        }
        if (database.password() != null) {
            credentials.setProperty("password", database.password());
        }
        return DriverManager.getConnection(database.url(), credentials);
    }
}
