package io.timetravel.http.versioning;

import static io.timetravel.http.versioning.Schema.any;
import static io.timetravel.http.versioning.Schema.arrayOf;
import static io.timetravel.http.versioning.Schema.bool;
import static io.timetravel.http.versioning.Schema.dateTime;
import static io.timetravel.http.versioning.Schema.int32;
import static io.timetravel.http.versioning.Schema.int64;
import static io.timetravel.http.versioning.Schema.mapOf;
import static io.timetravel.http.versioning.Schema.media;
import static io.timetravel.http.versioning.Schema.object;
import static io.timetravel.http.versioning.Schema.string;

import io.timetravel.http.UserHeader;
import java.util.List;
import java.util.stream.Stream;

/**
 * The declared answers of each API version, endpoint by endpoint: what {@code GET /api/versions}
 * compares to list the differences between versions. A test checks that every served endpoint
 * is declared and that real answers match these schemas, so keep them in step with the handlers.
 */
public final class ApiSchemas {

    /** {@code {"error":"..."}}, the body of every refusal. */
    public static final Schema ERROR = object().with("error", string());

    /** The v1 record: {@code {"id":1,"data":{"k":"v"}}}. */
    public static final Schema V1_RECORD = object()
            .with("id", int32())
            .with("data", mapOf(string()));

    /** The v2 record body (docs/contract.md: v2). */
    public static final Schema V2_RECORD = object()
            .with("id", int64())
            .with("version", int64())
            .with("data", mapOf(any()))
            .with("created_at", dateTime())
            .with("updated_at", dateTime())
            .with("effective_at", dateTime())
            .with("valid_to", dateTime().optional())
            .with("recorded_at", dateTime())
            .with("actor", int64())
            .with("operation", string())
            .with("reason", string().optional());

    static final Schema V2_HEALTH = object()
            .with("status", string())
            .with("db", string())
            .with("version", string())
            .with("uptime_seconds", int64());

    static final Schema VERSION_INFO = object()
            .with("version", int64())
            .with("recorded_at", dateTime())
            .with("effective_at", dateTime())
            .with("valid_to", dateTime().nullable())
            .with("actor", int64())
            .with("operation", string())
            .with("reason", string().nullable());

    /** A feature flag as GET/PUT /flags answer it. */
    static final Schema FLAG = object()
            .with("flag_key", string())
            .with("enabled", bool())
            .with("rollout_percentage", int64())
            .with("regions", arrayOf(string()))
            .with("description", string())
            .with("updated_at", dateTime().nullable())
            .with("updated_by", int64().nullable());

    static final Schema HISTORY_ENTRY = object()
            .with("event_id", int64())
            .with("version", int64())
            .with("timestamp", dateTime())
            .with("effective_at", dateTime())
            .with("valid_to", dateTime().nullable())
            .with("actor", int64())
            .with("operation", string())
            .with("old_value", any())
            .with("new_value", any())
            .with("reason", string().nullable());

    static final Schema DIFF = object().with("data", object()
            .with("added", mapOf(any()))
            .with("changed", mapOf(object().with("from", any()).with("to", any())))
            .with("removed", mapOf(any()))
            .with("from_version", int64().nullable())
            .with("to_version", int64().nullable()));

    static final Schema SUMMARY = object()
            .with("id", int64())
            .with("name", string().nullable())
            .with("region", string().nullable())
            .with("versions", int64())
            .with("created_at", dateTime())
            .with("updated_at", dateTime())
            .with("updated_by", int64());

    static final Schema AUDIT_ENTRY = object()
            .with("id", int64())
            .with("record_id", int64().nullable())
            .with("version", int64().nullable())
            .with("event_type", string())
            .with("changed_at", dateTime().nullable())
            .with("actor", int64())
            .with("actor_verified", bool().nullable())
            .with("old_value", any())
            .with("new_value", any())
            .with("reason", string().nullable())
            .with("prev_hash", string().nullable())
            .with("hash", string().nullable());

    /** What verify answers: the audit trail's entries and head, or what broke (an audit entry, an event, a version). */
    static final Schema VERIFICATION = object()
            .with("ok", bool())
            .with("entries", int64())
            .with("head", string().optional())
            .with("broken", object()
                    .with("id", int64().optional())
                    .with("event_id", int64().optional())
                    .with("record_id", int64().nullable())
                    .with("version", int64().nullable())
                    .with("reason", string())
                    .optional());

    /** A signed digest of the ledger (docs/decisions/0021). */
    static final Schema DIGEST = object()
            .with("entries", int64())
            .with("head", string())
            .with("at", dateTime())
            .with("key_id", string())
            .with("signature", string());

    static final Schema SNAPSHOT_ACCEPTED = object()
            .with("snapshot_id", int64())
            .with("status", string())
            .with("at", dateTime())
            .with("as_of", dateTime())
            .with("expires_at", dateTime());

    static final Schema SNAPSHOT = object()
            .with("snapshot_id", int64())
            .with("status", string())
            .with("at", dateTime())
            .with("as_of", dateTime())
            .with("reason", string().nullable())
            .with("requested_by", int64())
            .with("requested_at", dateTime())
            .with("record_count", int64())
            .with("byte_size", int64().nullable())
            .with("sha256", string().nullable())
            .with("completed_at", dateTime().nullable())
            .with("expires_at", dateTime())
            .with("error", string().nullable())
            .with("masked", bool());

    /** A registered user as the admin endpoints show it. */
    static final Schema USER_ENTRY = object()
            .with("id", int64())
            .with("name", string())
            .with("roles", arrayOf(string()))
            .with("pii", bool())
            .with("active", bool())
            .with("created_at", dateTime())
            .with("created_by", int64())
            .with("os_user", string().optional());

    static final Schema TOKEN = object()
            .with("user", int64())
            .with("token", string())
            .with("issued_at", dateTime())
            .with("expires_at", dateTime().nullable());

    static final Schema FIELD_POLICY = object()
            .with("path", string())
            .with("masking", string())
            .with("visible_chars", int64().optional());

    static final Schema ACCESS_ENTRY = object()
            .with("id", int64())
            .with("accessed_at", dateTime())
            .with("actor", int64())
            .with("actor_verified", bool())
            .with("endpoint", string())
            .with("record_ids", arrayOf(int64()))
            .with("fields", arrayOf(string()));

    static final Schema EVENT_STREAM = media("text/event-stream");

    private static final String USER = UserHeader.NAME;

    private ApiSchemas() {
    }

    /** The legacy API (docs/contract.md: v1). */
    public static ApiSchema v1() {
        return ApiSchema.of(
                EndpointSchema.of(Endpoint.ANY, "/health")
                        .answers("healthy", 200, object().with("ok", bool())),
                EndpointSchema.of("GET", "/records/{id}")
                        .answers("record found", 200, V1_RECORD)
                        .answers("invalid id", 400, ERROR)
                        .answers("missing record", 400, ERROR),
                EndpointSchema.of("POST", "/records/{id}")
                        .answers("record created", 200, V1_RECORD)
                        .answers("record updated", 200, V1_RECORD)
                        .answers("invalid id", 400, ERROR)
                        .answers("invalid body", 400, ERROR));
    }

    /** The versioned-records API (docs/contract.md: v2), resource family by family. */
    public static ApiSchema v2() {
        return new ApiSchema(Stream.of(health(), records(), events(), audit(), flags(), snapshots(), premiums(),
                recalculations(), access()).flatMap(List::stream).toList());
    }

    /** The health check: the only v2 endpoint without a caller. */
    private static List<EndpointSchema> health() {
        return List.of(
                EndpointSchema.of("GET", "/health")
                        .answers("healthy", 200, V2_HEALTH)
                        .answers("database unreachable", 503, V2_HEALTH.with("error", string())));
    }

    /** A record, its versions, history, differences, restore and replay, and the list of records. */
    private static List<EndpointSchema> records() {
        return List.of(
                EndpointSchema.of("GET", "/records/{id}", USER)
                        .answers("record found", 200, V2_RECORD)
                        .answers("invalid id", 400, ERROR)
                        .answers("missing record", 404, ERROR),
                EndpointSchema.of("POST", "/records/{id}", USER)
                        .answers("record created", 201, V2_RECORD)
                        .answers("record updated", 200, V2_RECORD)
                        .answers("invalid id", 400, ERROR)
                        .answers("invalid body", 400, ERROR),
                EndpointSchema.of("GET", "/records/{id}/versions", USER)
                        .answers("versions listed", 200, page(VERSION_INFO))
                        .answers("missing record", 404, ERROR),
                EndpointSchema.of("GET", "/records/{id}/versions/{n}", USER)
                        .answers("version found", 200, V2_RECORD)
                        .answers("missing version", 404, ERROR),
                EndpointSchema.of("GET", "/records/{id}/history", USER)
                        .answers("history listed", 200, page(HISTORY_ENTRY))
                        .answers("state at an instant", 200, object().with("data", mapOf(any())))
                        .answers("missing record", 404, ERROR),
                EndpointSchema.of("GET", "/records/{id}/diff", USER)
                        .answers("states compared", 200, DIFF)
                        .answers("missing record", 404, ERROR),
                EndpointSchema.of("POST", "/records/{id}/restore", USER)
                        .answers("record restored", 201, V2_RECORD)
                        .answers("already in that state", 200, V2_RECORD)
                        .answers("reason missing", 400, ERROR)
                        .answers("missing record", 404, ERROR),
                EndpointSchema.of("GET", "/records/{id}/replay", USER)
                        .answers("replay streamed", 200, EVENT_STREAM)
                        .answers("missing record", 404, ERROR)
                        .answers("too many streams", 503, ERROR),
                EndpointSchema.of("GET", "/records", USER)
                        .answers("records listed", 200, page(SUMMARY))
                        .answers("search by a masked field without pii", 403, ERROR));
    }

    /** The live stream of events. */
    private static List<EndpointSchema> events() {
        return List.of(
                EndpointSchema.of("GET", "/events", USER)
                        .answers("live stream", 200, EVENT_STREAM)
                        .answers("too many streams", 503, ERROR));
    }

    /** The audit trail, its verification and its signed digest. */
    private static List<EndpointSchema> audit() {
        return List.of(
                EndpointSchema.of("GET", "/audit", USER)
                        .answers("entries listed", 200, page(AUDIT_ENTRY)),
                EndpointSchema.of("GET", "/audit/verify", USER)
                        .answers("chain verified", 200, VERIFICATION),
                EndpointSchema.of("POST", "/audit/verify", USER)
                        .answers("chain verified against the digest", 200, VERIFICATION)
                        .answers("not a digest", 400, ERROR),
                EndpointSchema.of("GET", "/audit/digest", USER)
                        .answers("digest signed", 200, DIGEST)
                        .answers("caller sees personal data masked", 403, ERROR));
    }

    /** The feature flags. */
    private static List<EndpointSchema> flags() {
        return List.of(
                EndpointSchema.of("GET", "/flags", USER)
                        .answers("flags listed", 200, object().with("data", arrayOf(FLAG))),
                EndpointSchema.of("GET", "/flags/{key}", USER)
                        .answers("flag found", 200, FLAG)
                        .answers("unknown flag", 404, ERROR),
                EndpointSchema.of("PUT", "/flags/{key}", USER)
                        .answers("flag changed", 200, FLAG)
                        .answers("invalid change", 400, ERROR)
                        .answers("unknown flag", 404, ERROR));
    }

    /** Snapshots of every record as of an instant, and their exports. */
    private static List<EndpointSchema> snapshots() {
        return List.of(
                EndpointSchema.of("POST", "/snapshots", USER)
                        .answers("snapshot accepted", 202, SNAPSHOT_ACCEPTED)
                        .answers("invalid request", 400, ERROR),
                EndpointSchema.of("GET", "/snapshots/{id}", USER)
                        .answers("snapshot found", 200, SNAPSHOT)
                        .answers("missing snapshot", 404, ERROR),
                EndpointSchema.of("GET", "/snapshots/{id}/export", USER)
                        .answers("file sent", 200, media("application/gzip"))
                        .answers("not completed", 409, ERROR)
                        .answers("unmasked, caller without pii", 403, ERROR)
                        .answers("expired", 410, ERROR));
    }

    /** Premium decisions, their replay, and the engines that price them. */
    private static List<EndpointSchema> premiums() {
        return List.of(
                EndpointSchema.of("POST", "/records/{id}/premium", USER)
                        .answers("premium decided", 201, PremiumSchemas.DECISION)
                        .answers("invalid request", 400, ERROR)
                        .answers("missing record or version", 404, ERROR)
                        .answers("record lacks inputs", 422, PremiumSchemas.UNPRICED),
                EndpointSchema.of("GET", "/decisions", USER)
                        .answers("decisions listed", 200, object().with("data", arrayOf(PremiumSchemas.DECISION))
                                .with("next_before", int64().nullable())),
                EndpointSchema.of("GET", "/decisions/{id}", USER)
                        .answers("decision found", 200, PremiumSchemas.DECISION)
                        .answers("missing decision", 404, ERROR),
                EndpointSchema.of("POST", "/decisions/{id}/replay", USER)
                        .answers("decision replayed", 200, PremiumSchemas.REPLAY)
                        .answers("missing decision", 404, ERROR),
                EndpointSchema.of("GET", "/premium-engines", USER)
                        .answers("engines listed", 200, object().with("data", arrayOf(PremiumSchemas.ENGINE))));
    }

    /** Recalculation jobs over every record. */
    private static List<EndpointSchema> recalculations() {
        return List.of(
                EndpointSchema.of("POST", "/recalculations", USER)
                        .answers("recalculation accepted", 202, PremiumSchemas.RECALCULATION)
                        .answers("invalid request", 400, ERROR),
                EndpointSchema.of("GET", "/recalculations", USER)
                        .answers("recalculations listed", 200, object().with("data", arrayOf(PremiumSchemas.RECALCULATION))),
                EndpointSchema.of("GET", "/recalculations/{id}", USER)
                        .answers("recalculation found", 200, PremiumSchemas.RECALCULATION)
                        .answers("missing recalculation", 404, ERROR),
                EndpointSchema.of("POST", "/recalculations/{id}/cancel", USER)
                        .answers("recalculation cancelled", 200, PremiumSchemas.RECALCULATION)
                        .answers("already ended", 409, ERROR)
                        .answers("missing recalculation", 404, ERROR));
    }

    /** Users, their tokens, the field policies that mask personal data, and the access log. */
    private static List<EndpointSchema> access() {
        return List.of(
                EndpointSchema.of("GET", "/users", USER)
                        .answers("users listed", 200, object().with("data", arrayOf(USER_ENTRY))),
                EndpointSchema.of("POST", "/users", USER)
                        .answers("user added", 201, USER_ENTRY)
                        .answers("invalid user", 400, ERROR)
                        .answers("id taken", 409, ERROR),
                EndpointSchema.of("GET", "/users/{id}", USER)
                        .answers("user found", 200, USER_ENTRY)
                        .answers("missing user", 404, ERROR),
                EndpointSchema.of("PUT", "/users/{id}", USER)
                        .answers("user changed", 200, USER_ENTRY)
                        .answers("invalid change", 400, ERROR)
                        .answers("missing user", 404, ERROR),
                EndpointSchema.of("POST", "/tokens", USER)
                        .answers("token issued", 201, TOKEN)
                        .answers("invalid request", 400, ERROR)
                        .answers("missing user", 404, ERROR)
                        .answers("user disabled", 409, ERROR),
                EndpointSchema.of("DELETE", "/tokens", USER)
                        .answers("tokens revoked", 200, object().with("user", int64()).with("revoked", int64()))
                        .answers("missing user", 404, ERROR),
                EndpointSchema.of("GET", "/field-policies", USER)
                        .answers("policies listed", 200, object().with("data", arrayOf(FIELD_POLICY))),
                EndpointSchema.of("PUT", "/field-policies/{path}", USER)
                        .answers("policy set", 200, FIELD_POLICY)
                        .answers("invalid policy", 400, ERROR),
                EndpointSchema.of("DELETE", "/field-policies/{path}", USER)
                        .answers("policy removed", 200, FIELD_POLICY)
                        .answers("missing policy", 404, ERROR),
                EndpointSchema.of("GET", "/access-log", USER)
                        .answers("entries listed", 200, page(ACCESS_ENTRY)));
    }

    /** {@code {"data":[items],"pagination":{limit,offset,total}}}. */
    static Schema page(Schema items) {
        return object()
                .with("data", arrayOf(items))
                .with("pagination", object().with("limit", int64()).with("offset", int64()).with("total", int64()));
    }
}
