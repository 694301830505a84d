package io.timetravel.http;

import io.timetravel.testing.Engine;
import org.junit.jupiter.api.Disabled;

/** {@link TimeMachineHttpTest} (history, state at an instant, diff, restore and the record list) over HTTP on a real PostgreSQL database. */
@Disabled(PostgresHttp.WAITING)
class PostgresTimeMachineHttpTest extends TimeMachineHttpTest {

    @Override
    Engine engine() {
        return Engine.POSTGRES;
    }
}
