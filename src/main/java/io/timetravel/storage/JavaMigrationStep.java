package io.timetravel.storage;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A migration written in Java, named by what it states rather than by its class name, and run
 * in the same transaction as Flyway's bookkeeping. Its checksum is a fixed number: the
 * decision it carries out, so that a database migrated by it still validates.
 */
abstract class JavaMigrationStep implements JavaMigration {

    private final MigrationVersion version;
    private final String description;
    private final int checksum;

    JavaMigrationStep(String version, String description, int checksum) {
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
        this.checksum = checksum;
    }

    @Override
    public final MigrationVersion getVersion() {
        return version;
    }

    @Override
    public final String getDescription() {
        return description;
    }

    @Override
    public final Integer getChecksum() {
        return checksum;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return true;
    }
}
