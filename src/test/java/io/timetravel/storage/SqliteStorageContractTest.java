package io.timetravel.storage;

import io.timetravel.testing.Engine;

/** The storage contract on a SQLite file. */
class SqliteStorageContractTest extends StorageContract {

    @Override
    Engine engine() {
        return Engine.SQLITE;
    }
}
