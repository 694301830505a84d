package io.timetravel.storage;

import java.nio.file.Path;

/** The storage contract on a SQLite file. */
class SqliteStorageContractTest extends StorageContract {

    @Override
    DbTarget freshDatabase(Path folder) {
        return DbTarget.sqlite(folder.resolve("contract.db"));
    }
}
