package io.timetravel.http;

import io.timetravel.testing.Engine;
import org.junit.jupiter.api.Disabled;

/** {@link V2CorrectionsTest} (back-dated corrections, valid periods and as_of reads) over HTTP on a real PostgreSQL database. */
@Disabled(PostgresHttp.WAITING)
class PostgresV2CorrectionsTest extends V2CorrectionsTest {

    @Override
    Engine engine() {
        return Engine.POSTGRES;
    }
}
