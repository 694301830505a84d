package io.timetravel.http;

import io.timetravel.testing.Engine;

/** {@link V2CorrectionsTest} (back-dated corrections, valid periods and as_of reads) over HTTP on a real PostgreSQL database. */
class PostgresV2CorrectionsTest extends V2CorrectionsTest {

    @Override
    Engine engine() {
        return Engine.POSTGRES;
    }
}
