package io.timetravel.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;

/**
 * A read on the hottest path: jOOQ builds and renders the statement once, for the connection's
 * dialect, and it then runs as a kept JDBC prepared statement with positional values.
 *
 * <p>Executing a jOOQ query, even one kept with {@code keepStatement(true)}, walks its whole
 * syntax tree to bind values; on a point read that walk cost more than SQLite itself (about a
 * third of the CPU of a GET under load). The SQL stays jOOQ's, so it still follows the dialect.
 * Not thread-safe: one instance per connection, as {@link VersionQueries}.
 */
final class PreparedRead implements AutoCloseable {

    /** Reads the current row of a result. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final String sql;
    private final PreparedStatement statement;

    PreparedRead(Connection connection, DSLContext dsl, Query query) {
        this.sql = dsl.render(query);
        try {
            this.statement = connection.prepareStatement(sql);
        } catch (SQLException e) {
            throw new DataAccessException("cannot prepare " + sql, e);
        }
    }

    /** The first row read by {@code reader}, or {@code null} when there is none. */
    <T> T first(RowReader<T> reader, Object... values) {
        try {
            bind(values);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? reader.read(result) : null;
            }
        } catch (SQLException e) {
            throw new DataAccessException(sql + ": " + e.getMessage(), e);
        }
    }

    private void bind(Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value instanceof Long number) {
                statement.setLong(i + 1, number);
            } else if (value instanceof Integer number) {
                statement.setInt(i + 1, number);
            } else {
                statement.setString(i + 1, (String) value);
            }
        }
    }

    String sql() {
        return sql;
    }

    @Override
    public void close() {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // Closing the connection releases it anyway.
        }
    }
}
