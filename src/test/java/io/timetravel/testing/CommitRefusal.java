package io.timetravel.testing;

import java.nio.file.Path;

/**
 * Makes a database refuse to commit any transaction that writes a record version, the way a
 * failing disk or a broken constraint would, by raw SQL from outside the application.
 */
public final class CommitRefusal {

    private CommitRefusal() {
    }

    /**
     * A trigger adds a row whose deferred foreign key can never hold; SQLite checks deferred keys
     * only at COMMIT, so every statement succeeds and the commit fails.
     */
    public static void refuseCommits(Path database) {
        Sql.update(database, "CREATE TABLE refuse_commit (policyholder INTEGER REFERENCES policyholders (id) "
                + "DEFERRABLE INITIALLY DEFERRED)");
        // On the table of version rows (policyholder_records is a view of it since V13).
        Sql.update(database, "CREATE TRIGGER refuse_commit AFTER INSERT ON version_rows "
                + "BEGIN INSERT INTO refuse_commit VALUES (-1); END");
    }

    /** Undoes {@link #refuseCommits(Path)}. */
    public static void allowCommits(Path database) {
        Sql.update(database, "DROP TRIGGER refuse_commit");
        Sql.update(database, "DROP TABLE refuse_commit");
    }
}
