package io.timetravel.http.v2;

import io.timetravel.domain.FeatureFlag;
import io.timetravel.domain.access.Permission;
import io.timetravel.domain.json.JsonArray;
import io.timetravel.http.ApiException;
import io.timetravel.http.ApiRequest;
import io.timetravel.http.ApiResponse;
import io.timetravel.http.Handler;
import io.timetravel.http.Route;
import io.timetravel.service.FlagChange;
import io.timetravel.service.FlagService;
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

    /** A change to a flag: each member it names, the others as they are; the reason from the body or X-Reason. */
    static FlagChange change(ApiRequest request) {
        RequestBody body = RequestBody.required(request, FIELDS, "a flag change")
                .refuseNulls("enabled", "rollout_percentage", "regions", "description", "reason");
        String reason = body.text("reason");
        return new FlagChange(body.bool("enabled"), body.intBetween("rollout_percentage", 0, 100),
                body.array("regions", "regions must be a list of region codes, e.g. [\"EU\",\"US\"]; [] means everywhere"),
                body.text("description"), reason != null ? reason : request.textHeader("X-Reason").orElse(null));
    }

    private CompletionStage<ApiResponse> update(ApiRequest request) {
        return flags.update(request.pathParam("key"), change(request), RecordsApi.actor(request))
                .thenApply(flag -> ApiResponse.ok(FlagService.json(flag)));
    }
}
