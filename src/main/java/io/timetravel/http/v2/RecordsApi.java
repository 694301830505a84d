package io.timetravel.http.v2;

import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.http.ApiException;
import io.timetravel.http.ApiRequest;
import io.timetravel.http.ApiResponse;
import io.timetravel.http.Handler;
import io.timetravel.domain.Ids;
import io.timetravel.http.Route;
import io.timetravel.service.RecordService;
import io.timetravel.service.WriteCommand;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The v2 record endpoints: write by merge patch, read at instants, list and read versions. */
public final class RecordsApi {

    public static final String VERSION = "v2";
    public static final String RECORD = "/api/v2/records/{id}";
    public static final String VERSIONS = "/api/v2/records/{id}/versions";
    public static final String VERSION_N = "/api/v2/records/{id}/versions/{n}";

    private final RecordService records;

    public RecordsApi(RecordService records) {
        this.records = records;
    }

    public List<Route> routes() {
        return List.of(
                new Route("POST", RECORD, VERSION, true, this::write),
                new Route("GET", RECORD, VERSION, true, Handler.sync(this::read)),
                new Route("GET", VERSIONS, VERSION, true, Handler.sync(this::versions)),
                new Route("GET", VERSION_N, VERSION, true, Handler.sync(this::version)));
    }

    private CompletionStage<ApiResponse> write(ApiRequest request) {
        long id = recordId(request);
        JsonObject patch = jsonObjectBody(request);
        Instant effectiveAt = request.instantParam("effective_at").orElse(null);
        String reason = request.textHeader("X-Reason").orElse(null);
        WriteCommand command = new WriteCommand(id, patch, effectiveAt, actor(request), reason, VERSION,
                request.textHeader("X-Region").orElse(null));
        return records.write(command)
                .thenApply(outcome -> ApiResponse.json(outcome.created() ? 201 : 200, RecordBody.of(outcome.record())));
    }

    private ApiResponse read(ApiRequest request) {
        long id = recordId(request);
        Instant at = request.instantParam("at").orElse(null);
        Instant asOf = request.instantParam("as_of").orElse(null);
        return ApiResponse.ok(RecordBody.of(records.read(id, at, asOf)));
    }

    private ApiResponse versions(ApiRequest request) {
        long id = recordId(request);
        int limit = request.intParam("limit", 100, 1, 1000);
        int offset = request.intParam("offset", 0, 0, Integer.MAX_VALUE);
        return ApiResponse.ok(PageBody.of(records.versions(id, limit, offset).map(VersionBody::of)));
    }

    private ApiResponse version(ApiRequest request) {
        long id = recordId(request);
        long n = Ids.parsePositiveLong(request.pathParam("n"));
        if (n <= 0) {
            throw ApiException.badRequest("invalid version; versions are numbered from 1");
        }
        return ApiResponse.ok(RecordBody.of(records.version(id, n)));
    }

    /** The {id} path variable as a positive 64-bit id, else 400. */
    public static long recordId(ApiRequest request) {
        long id = Ids.parsePositiveLong(request.pathParam("id"));
        if (id <= 0) {
            throw ApiException.badRequest("invalid id; id must be a positive 64-bit integer");
        }
        return id;
    }

    /** The acting user; the dispatcher has already checked the header. */
    public static long actor(ApiRequest request) {
        return Ids.parsePositiveLong(request.header("X-User-ID").orElse("").strip());
    }

    /** The body as a JSON object, else 400 saying what is wrong with it. */
    public static JsonObject jsonObjectBody(ApiRequest request) {
        if (request.body().length == 0) {
            throw ApiException.badRequest("request body must be a JSON object");
        }
        try {
            return JsonParser.parseObject(request.body());
        } catch (JsonParseException e) {
            throw ApiException.badRequest("invalid JSON body: " + e.getMessage());
        }
    }
}
