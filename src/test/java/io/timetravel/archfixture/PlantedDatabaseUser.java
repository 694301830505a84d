package io.timetravel.archfixture;

import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.postgresql.PGProperty;
import org.sqlite.SQLiteConfig;

/**
 * A class outside the storage layer that uses each database library, planted for
 * {@code ArchitectureRulesTest} to show that the architecture rule catches it. Never called.
 */
public final class PlantedDatabaseUser {

    private PlantedDatabaseUser() {
    }

    static String all(Connection connection) throws SQLException {
        DSLContext dsl = DSL.using(connection);
        SQLiteConfig sqlite = new SQLiteConfig();
        return dsl.dialect() + " " + sqlite.toProperties().size() + " " + PGProperty.USER.getName() + " "
                + Flyway.class.getSimpleName() + " " + connection.getSchema();
    }
}
