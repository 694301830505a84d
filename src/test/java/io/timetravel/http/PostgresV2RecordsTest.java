package io.timetravel.http;

import io.timetravel.testing.Engine;
import org.junit.jupiter.api.Disabled;

/** {@link V2RecordsTest} (the v2 record endpoints) over HTTP on a real PostgreSQL database. */
@Disabled(PostgresHttp.WAITING)
class PostgresV2RecordsTest extends V2RecordsTest {

    @Override
    Engine engine() {
        return Engine.POSTGRES;
    }
}
