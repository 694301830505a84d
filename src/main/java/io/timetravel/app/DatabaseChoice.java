package io.timetravel.app;

import io.timetravel.service.StoreUnavailableException;
import io.timetravel.storage.DbTarget;
import io.timetravel.storage.FileReason;
import io.timetravel.storage.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code --db} and {@code --data} choose, for every command that opens the database: the
 * database, and the path beside which its keys, {@code digests.log} and {@code snapshots/} live
 * (the SQLite file itself, or a name in the PostgreSQL data folder; docs/decisions/0029).
 *
 * @param target the database
 * @param anchor the SQLite file, or {@code DIR/postgresql} for the data folder DIR (no such file is made)
 */
record DatabaseChoice(DbTarget target, Path anchor) {

    /** The name in the data folder that places the files kept beside a PostgreSQL database. */
    static final String DATA_ANCHOR = "postgresql";

    /**
     * @param db          what {@code --db} says, or {@code null} for the default file
     * @param data        what {@code --data} says, or {@code null}
     * @param defaultFile the default SQLite file, whose folder is also the default data folder
     * @throws IllegalArgumentException for a bad URL, or {@code --data} with a SQLite database
     */
    static DatabaseChoice of(String db, Path data, Path defaultFile) {
        DbTarget target = db == null ? DbTarget.sqlite(defaultFile) : DbTarget.parse(db);
        if (!target.postgres()) {
            if (data != null) {
                throw new IllegalArgumentException("--data is for a PostgreSQL --db; a SQLite database keeps its keys,"
                        + " digests and snapshots beside its file");
            }
            return new DatabaseChoice(target, target.file());
        }
        Path folder = data != null ? data : defaultFile.toAbsolutePath().getParent();
        return new DatabaseChoice(target, folder.resolve(DATA_ANCHOR));
    }

    /**
     * Creates the data folder of a PostgreSQL database (owner-only) where it is missing; a SQLite
     * database's folder is made when the file is.
     *
     * @throws StoreUnavailableException naming the folder when it cannot be made
     */
    void prepareDataFolder() {
        if (!target.postgres()) {
            return;
        }
        Path folder = anchor.toAbsolutePath().getParent();
        try {
            OwnerOnlyFiles.createFolder(folder);
            if (!Files.isDirectory(folder)) {
                throw new java.nio.file.NotDirectoryException(folder.toString());
            }
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot create the data folder " + folder + ": " + FileReason.of(e, folder), e);
        }
    }

    /** The PostgreSQL URL as given, or {@code null} for SQLite. */
    String url() {
        return target.url();
    }
}
