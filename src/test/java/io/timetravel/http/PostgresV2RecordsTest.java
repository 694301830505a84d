package io.timetravel.http;

import io.timetravel.testing.Engine;

/** {@link V2RecordsTest} (the v2 record endpoints) over HTTP on a real PostgreSQL database. */
class PostgresV2RecordsTest extends V2RecordsTest {

    @Override
    Engine engine() {
        return Engine.POSTGRES;
    }
}
