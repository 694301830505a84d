package io.timetravel.http.v2;

import io.timetravel.domain.FeatureFlag;
import io.timetravel.domain.access.Permission;
import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonBoolean;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.http.ApiException;
import io.timetravel.http.ApiRequest;
import io.timetravel.http.ApiResponse;
import io.timetravel.http.Handler;
import io.timetravel.http.Route;
import io.timetravel.service.FlagChange;
import io.timetravel.service.FlagService;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** The feature flags: list them, change one (audited with the actor). */
public final class FlagsApi {

    public static final String FLAGS = "/api/v2/flags";
    public static final String FLAG = "/api/v2/flags/{key}";
    private static final Set<String> FIELDS = Set.of("enabled", "rollout_percentage", "regions", "description", "reason");

    private final FlagService flags;

    public FlagsApi(FlagService flags) {
        this.flags = flags;
    }

    public List<Route> routes() {
        return List.of(
                Route.v2("GET", FLAGS, Handler.sync(this::list), Permission.READ),
                Route.v2("GET", FLAG, Handler.sync(this::get), Permission.READ),
                Route.v2("PUT", FLAG, this::update, Permission.CHANGE_FLAGS));
    }

    private ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(Map.of("data", JsonArray.of(flags.list().stream().map(FlagService::json).toList())));
    }

    private ApiResponse get(ApiRequest request) {
        String key = request.pathParam("key");
        FeatureFlag flag = flags.get(key).orElseThrow(() -> ApiException.notFound("unknown flag \"" + key + "\""));
        return ApiResponse.ok(FlagService.json(flag));
    }

    private CompletionStage<ApiResponse> update(ApiRequest request) {
        JsonObject body = RecordsApi.jsonObjectBody(request);
        for (String field : body.members().keySet()) {
            if (!FIELDS.contains(field)) {
                throw ApiException.badRequest("unknown field \"" + field
                        + "\"; a flag takes enabled, rollout_percentage, regions, description (and reason)");
            }
        }
        FlagChange change = new FlagChange(
                body.get("enabled").map(FlagsApi::bool).orElse(null),
                body.get("rollout_percentage").map(FlagsApi::percentage).orElse(null),
                body.get("regions").map(FlagsApi::regions).orElse(null),
                body.get("description").map(value -> text(value, "description")).orElse(null),
                body.get("reason").map(value -> text(value, "reason")).or(() -> request.textHeader("X-Reason")).orElse(null));
        return flags.update(request.pathParam("key"), change, RecordsApi.actor(request))
                .thenApply(flag -> ApiResponse.ok(FlagService.json(flag)));
    }

    private static boolean bool(JsonValue value) {
        if (value instanceof JsonBoolean flag) {
            return flag.value();
        }
        throw ApiException.badRequest("enabled must be true or false");
    }

    private static int percentage(JsonValue value) {
        if (value instanceof JsonNumber number) {
            BigDecimal decimal = number.value();
            if (decimal.stripTrailingZeros().scale() <= 0 && decimal.compareTo(BigDecimal.ZERO) >= 0
                    && decimal.compareTo(BigDecimal.valueOf(100)) <= 0) {
                return decimal.intValueExact();
            }
        }
        throw ApiException.badRequest("invalid rollout_percentage; use a whole number from 0 to 100");
    }

    private static List<String> regions(JsonValue value) {
        if (value instanceof JsonArray array) {
            List<String> regions = new ArrayList<>();
            for (JsonValue element : array.elements()) {
                if (!(element instanceof JsonString code)) {
                    throw ApiException.badRequest("regions must be a list of region codes, e.g. [\"EU\",\"US\"]");
                }
                regions.add(code.value());
            }
            return regions;
        }
        throw ApiException.badRequest("regions must be a list of region codes, e.g. [\"EU\",\"US\"]; [] means everywhere");
    }

    private static String text(JsonValue value, String name) {
        if (value instanceof JsonString text) {
            return text.value();
        }
        throw ApiException.badRequest(name + " must be a string");
    }
}
