package io.timetravel.http;

import io.timetravel.testing.Engine;

/** {@link V1ContractTest} (the v1 contract) over HTTP on a real PostgreSQL database. */
class PostgresV1ContractTest extends V1ContractTest {

    @Override
    Engine engine() {
        return Engine.POSTGRES;
    }
}
