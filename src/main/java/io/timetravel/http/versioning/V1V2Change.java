package io.timetravel.http.versioning;

import io.timetravel.domain.Actors;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.http.ApiRequest;
import io.timetravel.http.ApiResponse;
import io.timetravel.http.UserHeader;
import io.timetravel.http.v1.V1Api;
import io.timetravel.http.v1.V1RecordBody;
import io.timetravel.http.v2.RecordBody;
import io.timetravel.http.v2.RecordsApi;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * v1 to v2 and back (docs/contract.md: v1 compatibility, v1): the legacy record endpoints served by the v2 handlers.
 *
 * <p>Forward, a v1 request keeps only what v1 understood: a positive 32-bit id, a body that is an
 * object of strings and nulls (a merge patch v2 applies the same way), the actor from
 * {@code X-User-ID} when it is a valid user, else the anonymous actor 0. Query parameters and
 * {@code X-Reason} mean nothing in v1, so they are dropped rather than read by v2 (a v1 client
 * sending {@code ?at=} still reads the present). Back, v2's record body becomes v1's
 * {@code {"id":..,"data":{..}}} with status 200, and v2's refusals become v1's exact messages.
 */
public final class V1V2Change implements VersionChange {

    public static final Endpoint READ = new Endpoint("GET", "/records/{id}");
    public static final Endpoint WRITE = new Endpoint("POST", "/records/{id}");

    @Override
    public String from() {
        return V1Api.VERSION;
    }

    @Override
    public String to() {
        return RecordsApi.VERSION;
    }

    @Override
    public Set<Endpoint> endpoints() {
        return Set.of(READ, WRITE);
    }

    @Override
    public Forward forward(Endpoint endpoint, ApiRequest request) {
        int id = V1Api.parseId(request.pathParam("id"));
        if (id <= 0) {
            return Forward.answer(ApiResponse.error(400, V1Api.INVALID_ID));
        }
        if (endpoint.equals(WRITE) && !isStringPatch(request.body())) {
            return Forward.answer(ApiResponse.error(400, V1Api.INVALID_INPUT));
        }
        Map<String, String> headers = new HashMap<>(request.headers());
        headers.remove("x-reason");
        headers.put(UserHeader.NAME.toLowerCase(Locale.ROOT), Long.toString(actor(request)));
        return Forward.to(new ApiRequest(request.method(), request.path(), Map.of("id", Integer.toString(id)), Map.of(),
                headers, request.body(), request.clientVersion(), request.caller()));
    }

    @Override
    public ApiResponse backward(Endpoint endpoint, ApiRequest request, ApiResponse response) {
        int status = response.status();
        if ((status == 200 || status == 201) && response.json() instanceof RecordBody record) {
            return response.withBody(200, new V1RecordBody(record.version().recordId(), record.version().data()));
        }
        if (status == 404 && endpoint.equals(READ)) {
            // v1 said a missing record (or one with no version in effect now) was a bad request.
            return response.withBody(400, new ApiResponse.ErrorBody(V1Api.missingRecord(V1Api.parseId(request.pathParam("id")))));
        }
        if (status == 400 && response.error() != null) {
            if (response.error().startsWith("invalid id")) {
                return response.withBody(400, new ApiResponse.ErrorBody(V1Api.INVALID_ID));
            }
            if (endpoint.equals(WRITE)) {
                // v2 refused the patch itself; to v1 that is input it could not take.
                return response.withBody(400, new ApiResponse.ErrorBody(V1Api.INVALID_INPUT));
            }
        }
        return response;
    }

    /** The user named in {@code X-User-ID} when it is a valid user id, else the anonymous actor. */
    static long actor(ApiRequest request) {
        long user = request.header(UserHeader.NAME).map(UserHeader::parse).orElse(-1L);
        return user > 0 ? user : Actors.ANONYMOUS;
    }

    /** Whether the body is a JSON object whose values are all strings or null: the only writes v1 took. */
    static boolean isStringPatch(byte[] body) {
        try {
            JsonObject object = JsonParser.parseObject(body);
            for (JsonValue value : object.members().values()) {
                if (!(value instanceof JsonString) && !value.isNull()) {
                    return false;
                }
            }
            return true;
        } catch (JsonParseException e) {
            return false;
        }
    }
}
