package io.timetravel.http;

import io.timetravel.testing.Engine;

/** {@link PremiumHttpTest} (quotes, decisions, replays and recalculations) over HTTP on a real PostgreSQL database. */
class PostgresPremiumHttpTest extends PremiumHttpTest {

    @Override
    Engine engine() {
        return Engine.POSTGRES;
    }
}
