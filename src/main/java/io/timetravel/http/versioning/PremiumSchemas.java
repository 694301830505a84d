package io.timetravel.http.versioning;

import static io.timetravel.http.versioning.Schema.any;
import static io.timetravel.http.versioning.Schema.arrayOf;
import static io.timetravel.http.versioning.Schema.bool;
import static io.timetravel.http.versioning.Schema.dateTime;
import static io.timetravel.http.versioning.Schema.decimal;
import static io.timetravel.http.versioning.Schema.int32;
import static io.timetravel.http.versioning.Schema.int64;
import static io.timetravel.http.versioning.Schema.mapOf;
import static io.timetravel.http.versioning.Schema.object;
import static io.timetravel.http.versioning.Schema.string;

/** The declared answers of the premium endpoints (quotes, decisions, engines, recalculations), part of {@link ApiSchemas}. */
final class PremiumSchemas {

    private PremiumSchemas() {
    }

    static final Schema FACTOR = object()
            .with("name", string())
            .with("input", string())
            .with("kind", string())
            .with("value", decimal());

    /** A premium decision: the quote and what it was decided from (POST /records/{id}/premium, /decisions). */
    static final Schema DECISION = object()
            .with("decision_id", int64())
            .with("record_id", int64())
            .with("record_version", int64())
            .with("premium", decimal())
            .with("currency", string())
            .with("factors", arrayOf(FACTOR))
            .with("engine", string())
            .with("engine_version", int32())
            .with("engine_choice", string())
            .with("at", dateTime())
            .with("as_of", dateTime())
            .with("decided_at", dateTime())
            .with("flags", mapOf(bool()))
            .with("api_version", string())
            .with("actor", int64())
            .with("actor_verified", bool())
            .with("inputs", mapOf(string()))
            .with("inputs_sha256", string());

    static final Schema REPLAY_SIDE = object()
            .with("record_version", int64())
            .with("premium", decimal())
            .with("currency", string())
            .with("inputs_sha256", string())
            .with("factors", arrayOf(FACTOR));

    static final Schema REPLAY = object()
            .with("identical", bool())
            .with("decision_id", int64())
            .with("differences", arrayOf(string()))
            .with("original", REPLAY_SIDE)
            .with("replayed", REPLAY_SIDE.nullable());

    static final Schema ENGINE = object()
            .with("name", string())
            .with("version", int32())
            .with("released_at", dateTime())
            .with("in_force", bool())
            .with("description", string())
            .with("fields", arrayOf(string()));

    static final Schema UNPRICED = object()
            .with("error", string())
            .with("missing", arrayOf(string()))
            .with("invalid", arrayOf(object().with("field", string()).with("reason", string())));

    /** A recalculation job; {@code result} once completed (docs/contract.md: Premiums). */
    static final Schema RECALCULATION = object()
            .with("id", int64())
            .with("status", string())
            .with("at", dateTime())
            .with("as_of", dateTime())
            .with("engines", arrayOf(string()))
            .with("threshold_percent", decimal())
            .with("reason", string())
            .with("requested_by", int64())
            .with("requested_at", dateTime())
            .with("processed", int64())
            .with("total", int64())
            .with("progress", decimal())
            .with("result", any())
            .with("error", string().nullable())
            .with("finished_at", dateTime().nullable());
}
