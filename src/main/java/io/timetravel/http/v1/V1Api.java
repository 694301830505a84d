package io.timetravel.http.v1;

import io.timetravel.domain.Actors;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.http.ApiRequest;
import io.timetravel.http.ApiResponse;
import io.timetravel.http.Handler;
import io.timetravel.domain.Ids;
import io.timetravel.http.Route;
import io.timetravel.service.NotFoundException;
import io.timetravel.service.RecordService;
import io.timetravel.service.WriteCommand;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The legacy v1 API, answering exactly as the old service did (SPEC 5.1): 32-bit ids, string
 * values only, 400 for a missing record, {@code {"id":..,"data":{..}}} bodies with sorted keys.
 * Its writes go through the same store, so they are versioned and audited like v2 writes.
 */
public final class V1Api {

    public static final String VERSION = "v1";
    static final String INVALID_ID = "invalid id; id must be a positive number";
    static final String INVALID_INPUT = "invalid input; could not parse json";

    /** The v1 record body. */
    public record V1Record(long id, JsonObject data) {
    }

    private final RecordService records;

    public V1Api(RecordService records) {
        this.records = records;
    }

    public List<Route> routes() {
        return List.of(
                new Route(Route.ANY_METHOD, "/api/v1/health", VERSION, false,
                        Handler.sync(request -> ApiResponse.ok(Map.of("ok", true)))),
                new Route("GET", "/api/v1/records/{id}", VERSION, false, Handler.sync(this::read)),
                new Route("POST", "/api/v1/records/{id}", VERSION, false, this::write));
    }

    private ApiResponse read(ApiRequest request) {
        int id = Ids.parsePositiveInt(request.pathParam("id"));
        if (id <= 0) {
            return ApiResponse.error(400, INVALID_ID);
        }
        try {
            RecordVersion record = records.latest(id);
            return ApiResponse.ok(new V1Record(id, record.data()));
        } catch (NotFoundException e) {
            return ApiResponse.error(400, "record of id " + id + " does not exist");
        }
    }

    private CompletionStage<ApiResponse> write(ApiRequest request) {
        int id = Ids.parsePositiveInt(request.pathParam("id"));
        if (id <= 0) {
            return CompletableFuture.completedFuture(ApiResponse.error(400, INVALID_ID));
        }
        JsonObject patch = stringPatch(request.body());
        if (patch == null) {
            return CompletableFuture.completedFuture(ApiResponse.error(400, INVALID_INPUT));
        }
        long actor = request.header("X-User-ID").map(String::strip).map(Ids::parsePositiveLong).filter(a -> a > 0)
                .orElse(Actors.ANONYMOUS);
        WriteCommand command = new WriteCommand(id, patch, null, actor, null, VERSION, request.textHeader("X-Region").orElse(null));
        return records.write(command).thenApply(outcome -> ApiResponse.ok(new V1Record(id, outcome.record().data())));
    }

    /** The body when it is a JSON object whose values are all strings or null; else {@code null}. */
    static JsonObject stringPatch(byte[] body) {
        try {
            JsonObject object = JsonParser.parseObject(body);
            for (JsonValue value : object.members().values()) {
                if (!(value instanceof JsonString) && !value.isNull()) {
                    return null;
                }
            }
            return object;
        } catch (JsonParseException e) {
            return null;
        }
    }
}
