package io.timetravel.http;

import io.timetravel.testing.Engine;

/** {@link TimeMachineHttpTest} (history, state at an instant, diff, restore and the record list) over HTTP on a real PostgreSQL database. */
class PostgresTimeMachineHttpTest extends TimeMachineHttpTest {

    @Override
    Engine engine() {
        return Engine.POSTGRES;
    }
}
