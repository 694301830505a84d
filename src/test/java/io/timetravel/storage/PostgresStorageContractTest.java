package io.timetravel.storage;

import io.timetravel.testing.Engine;

/** The storage contract on a database of its own on a real PostgreSQL server. */
class PostgresStorageContractTest extends StorageContract {

    @Override
    Engine engine() {
        return Engine.POSTGRES;
    }
}
