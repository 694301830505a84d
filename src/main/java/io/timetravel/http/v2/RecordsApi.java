package io.timetravel.http.v2;

import io.timetravel.domain.Ids;
import io.timetravel.domain.RecordSummary;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.Permission;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.http.ApiException;
import io.timetravel.http.ApiRequest;
import io.timetravel.http.ApiResponse;
import io.timetravel.http.Handler;
import io.timetravel.http.Route;
import io.timetravel.service.AccessService;
import io.timetravel.service.Disclosure;
import io.timetravel.service.RecordQuery;
import io.timetravel.service.RecordService;
import io.timetravel.service.RestoreCommand;
import io.timetravel.service.WriteCommand;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** The v2 record endpoints: write by merge patch, read at instants, versions, restore, the record list. */
public final class RecordsApi {

    public static final String VERSION = "v2";
    public static final String RECORD = "/api/v2/records/{id}";
    public static final String VERSIONS = "/api/v2/records/{id}/versions";
    public static final String VERSION_N = "/api/v2/records/{id}/versions/{n}";
    public static final String RESTORE = "/api/v2/records/{id}/restore";
    public static final String LIST = "/api/v2/records";

    private final RecordService records;
    private final AccessService access;

    public RecordsApi(RecordService records, AccessService access) {
        this.records = records;
        this.access = access;
    }

    public List<Route> routes() {
        return List.of(
                Route.v2("POST", RECORD, this::write, Permission.WRITE),
                Route.v2("GET", RECORD, this::read, Permission.READ),
                Route.v2("GET", VERSIONS, Handler.sync(this::versions), Permission.READ),
                Route.v2("GET", VERSION_N, this::version, Permission.READ),
                Route.v2("POST", RESTORE, this::restore, Permission.WRITE),
                Route.v2("GET", LIST, this::list, Permission.READ));
    }

    private CompletionStage<ApiResponse> write(ApiRequest request) {
        long id = recordId(request);
        JsonObject patch = RequestBody.object(request);
        Instant effectiveAt = request.instantParam("effective_at").orElse(null);
        Instant validTo = request.instantParam("valid_to").orElse(null);
        String reason = request.textHeader("X-Reason").orElse(null);
        Disclosure disclosure = disclosure(request);
        disclosure.checkWrite(patch);
        Actor actor = actor(request);
        WriteCommand command = new WriteCommand(id, patch, effectiveAt, validTo, actor.id(), reason, source(request),
                request.textHeader("X-Region").orElse(null), actor.verified());
        return records.write(command).thenCompose(outcome -> disclosed(disclosure,
                ApiResponse.json(outcome.created() ? 201 : 200, RecordBody.of(shown(disclosure, outcome.record())))));
    }

    private CompletionStage<ApiResponse> read(ApiRequest request) {
        long id = recordId(request);
        Instant at = request.instantParam("at").orElse(null);
        Instant asOf = request.instantParam("as_of").orElse(null);
        Disclosure disclosure = disclosure(request);
        return disclosed(disclosure, ApiResponse.ok(RecordBody.of(shown(disclosure, records.read(id, at, asOf)))));
    }

    private Disclosure disclosure(ApiRequest request) {
        return disclosure(access, request);
    }

    /** The disclosure of record data to a request's caller, named in the access log by its method and path. */
    public static Disclosure disclosure(AccessService access, ApiRequest request) {
        return access.disclosure(request.requireCaller(), request.endpoint());
    }

    /** A version with its data as the caller may see it. */
    public static RecordVersion shown(Disclosure disclosure, RecordVersion version) {
        return version.withData(disclosure.state(version.recordId(), version.data()));
    }

    /** The answer, once the access it discloses (if any) is durably recorded. */
    public static CompletionStage<ApiResponse> disclosed(Disclosure disclosure, ApiResponse response) {
        return disclosure.settle().thenApply(recorded -> response);
    }

    private ApiResponse versions(ApiRequest request) {
        long id = recordId(request);
        int limit = request.intParam("limit", 100, 1, 1000);
        int offset = request.intParam("offset", 0, 0, Integer.MAX_VALUE);
        return ApiResponse.ok(PageBody.of(records.versions(id, limit, offset).map(VersionBody::of)));
    }

    private CompletionStage<ApiResponse> version(ApiRequest request) {
        long id = recordId(request);
        long n = Ids.parsePositiveLong(request.pathParam("n"));
        if (n <= 0) {
            throw ApiException.badRequest("invalid version; versions are numbered from 1");
        }
        Disclosure disclosure = disclosure(request);
        return disclosed(disclosure, ApiResponse.ok(RecordBody.of(shown(disclosure, records.version(id, n)))));
    }

    /** A restore: a version, or an instant (and what was known as of another), and the reason. */
    record RestoreInput(Long version, Instant at, Instant asOf, String reason) {
        private static final Set<String> MEMBERS = Set.of("at", "as_of", "version", "reason");

        static RestoreInput read(ApiRequest request) {
            RequestBody body = RequestBody.required(request, MEMBERS, "a restore").refuseNulls("at", "as_of", "version", "reason");
            RestoreInput input = new RestoreInput(body.positiveLong("version"), body.instant("at"), body.instant("as_of"),
                    body.text("reason"));
            if (input.asOf() != null && input.at() == null) {
                throw ApiException.badRequest("as_of goes with at");
            }
            return input;
        }
    }

    private CompletionStage<ApiResponse> restore(ApiRequest request) {
        long id = recordId(request);
        RestoreInput input = RestoreInput.read(request);
        Actor actor = actor(request);
        Disclosure disclosure = disclosure(request);
        return records.restore(new RestoreCommand(id, input.version(), input.at(), input.asOf(), actor.id(), input.reason(),
                        source(request), actor.verified()))
                .thenCompose(outcome -> disclosed(disclosure,
                        ApiResponse.json(outcome.changed() ? 201 : 200, RecordBody.of(shown(disclosure, outcome.record())))));
    }

    /** A line of the record list. */
    public record SummaryBody(long id, String name, String region, long versions, Instant createdAt, Instant updatedAt,
                              long updatedBy) {
        static SummaryBody of(RecordSummary summary, Disclosure disclosure) {
            return new SummaryBody(summary.id(), disclosure.listedName(summary.id(), summary.name()),
                    disclosure.listedRegion(summary.id(), summary.region()), summary.versions(), summary.createdAt(),
                    summary.updatedAt(), summary.updatedBy());
        }
    }

    private CompletionStage<ApiResponse> list(ApiRequest request) {
        int limit = request.intParam("limit", 100, 1, 1000);
        int offset = request.intParam("offset", 0, 0, Integer.MAX_VALUE);
        RecordQuery query = new RecordQuery(request.queryParam("q").orElse(null), request.queryParam("region").orElse(null),
                limit, offset);
        Disclosure disclosure = disclosure(request);
        query = disclosure.searchable(query);
        return disclosed(disclosure, ApiResponse.ok(PageBody.of(records.list(query).map(summary -> SummaryBody.of(summary, disclosure)))));
    }

    /** The {id} path variable as a positive 64-bit id, else 400. */
    public static long recordId(ApiRequest request) {
        long id = Ids.parsePositiveLong(request.pathParam("id"));
        if (id <= 0) {
            throw ApiException.badRequest("invalid id; id must be a positive 64-bit integer");
        }
        return id;
    }

    /**
     * The acting user, as the access gate established it: the token's user (verified), or the
     * declared {@code X-User-ID} ({@code 0}, the anonymous actor, for a v1 write naming no user).
     */
    public static Actor actor(ApiRequest request) {
        return request.requireCaller().actor();
    }

    /** Where a write came from, for its metadata: the version the client spoke (v1 through the transformers), else v2. */
    static String source(ApiRequest request) {
        String version = request.clientVersion();
        return version == null || version.equals("none") ? VERSION : version;
    }
}
