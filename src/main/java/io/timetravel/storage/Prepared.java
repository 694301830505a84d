package io.timetravel.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;

/**
 * A statement on the hottest paths (point reads, the writer's inserts): jOOQ builds and renders
 * it once, for the connection's dialect, and it then runs as a kept JDBC prepared statement with
 * positional values.
 *
 * <p>Executing a jOOQ query, even one kept with {@code keepStatement(true)}, walks its whole
 * syntax tree to render or bind values; on a point read that walk cost more than SQLite itself
 * (about a third of the CPU of a GET under load), and rendering the four inserts of a write took
 * half of the writer thread's time. The SQL stays jOOQ's, so it still follows the dialect.
 * Not thread-safe: one instance per connection, as {@link VersionQueries}.
 */
final class Prepared implements AutoCloseable {

    /** Reads the current row of a result. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final String sql;
    private final PreparedStatement statement;

    Prepared(Connection connection, DSLContext dsl, Query query) {
        this.sql = dsl.render(query);
        try {
            this.statement = connection.prepareStatement(sql);
        } catch (SQLException e) {
            throw new DataAccessException("cannot prepare " + sql, e);
        }
    }

    /**
     * A statement whose values are the parameters {@code params} names, in that order: jOOQ
     * renders parameters where they fall in the SQL, so their order is checked once here rather
     * than trusted at every execution.
     */
    Prepared(Connection connection, DSLContext dsl, Query query, List<String> params) {
        this(connection, dsl, query);
        List<String> rendered = query.getParams().entrySet().stream()
                .filter(param -> !param.getValue().isInline())
                .map(java.util.Map.Entry::getKey)
                .toList();
        if (!rendered.equals(params)) {
            close();
            throw new IllegalStateException("parameters of " + sql + " are " + rendered + ", not " + params);
        }
    }

    /** The statement's SQL, with {@code ?} for its values (for its query plan). */
    String sql() {
        return sql;
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

    /** Runs an insert or update; the number of rows it changed. */
    int update(Object... values) {
        try {
            bind(values);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Runs an insert that returns its row's id ({@code RETURNING id}). */
    long insertReturningId(Object... values) {
        Long id = first(row -> row.getLong(1), values);
        if (id == null) {
            throw new DataAccessException(sql + ": returned no id");
        }
        return id;
    }

    private void bind(Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value == null) {
                // Untyped: PostgreSQL takes the column's type (a typed VARCHAR null is refused for bigint).
                statement.setNull(i + 1, Types.NULL);
            } else if (value instanceof Long number) {
                statement.setLong(i + 1, number);
            } else if (value instanceof Integer number) {
                statement.setInt(i + 1, number);
            } else if (value instanceof byte[] bytes) {
                statement.setBytes(i + 1, bytes);
            } else {
                statement.setString(i + 1, (String) value);
            }
        }
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
