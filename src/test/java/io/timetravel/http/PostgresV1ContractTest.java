package io.timetravel.http;

import io.timetravel.testing.Engine;
import org.junit.jupiter.api.Disabled;

/** {@link V1ContractTest} (the v1 contract) over HTTP on a real PostgreSQL database. */
@Disabled(PostgresHttp.WAITING)
class PostgresV1ContractTest extends V1ContractTest {

    @Override
    Engine engine() {
        return Engine.POSTGRES;
    }
}
