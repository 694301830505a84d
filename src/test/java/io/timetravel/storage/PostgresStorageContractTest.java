package io.timetravel.storage;

import io.timetravel.testing.PostgresServer;
import java.nio.file.Path;

/** The storage contract on a database of its own on a real PostgreSQL server. */
class PostgresStorageContractTest extends StorageContract {

    @Override
    DbTarget freshDatabase(Path folder) {
        return PostgresServer.freshDatabase();
    }
}
