package io.timetravel.http.v2;

import io.timetravel.domain.Ids;
import io.timetravel.domain.access.Permission;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.premium.Recalculation;
import io.timetravel.http.ApiException;
import io.timetravel.http.ApiRequest;
import io.timetravel.http.ApiResponse;
import io.timetravel.http.Handler;
import io.timetravel.http.Route;
import io.timetravel.service.RecalculationRequest;
import io.timetravel.service.RecalculationService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** Recalculating every record's premium in the background, following the job, and cancelling it. */
public final class RecalculationsApi {

    public static final String RECALCULATIONS = "/api/v2/recalculations";
    public static final String RECALCULATION = "/api/v2/recalculations/{id}";
    public static final String CANCEL = "/api/v2/recalculations/{id}/cancel";
    private static final Set<String> MEMBERS = Set.of("at", "as_of", "engines", "threshold_percent", "reason");

    /** A job as the API shows it; {@code progress} is the share of records gone through, 0 to 1. */
    public record RecalculationBody(long id, String status, Instant at, Instant asOf, List<String> engines,
                                    BigDecimal thresholdPercent, String reason, long requestedBy, Instant requestedAt,
                                    long processed, long total, BigDecimal progress, JsonObject result, String error,
                                    Instant finishedAt) {
        static RecalculationBody of(Recalculation job) {
            BigDecimal progress = job.status() == Recalculation.Status.COMPLETED ? BigDecimal.ONE.setScale(4)
                    : job.total() == 0 ? BigDecimal.ZERO.setScale(4)
                    : BigDecimal.valueOf(Math.min(job.processed(), job.total()))
                            .divide(BigDecimal.valueOf(job.total()), 4, RoundingMode.DOWN);
            return new RecalculationBody(job.id(), job.status().text(), job.validAt(), job.knownAt(), job.engines(),
                    job.thresholdPercent(), job.reason(), job.requestedBy(), job.requestedAt(), job.processed(),
                    job.total(), progress, job.result(), job.error(), job.finishedAt());
        }
    }

    private final RecalculationService recalculations;

    public RecalculationsApi(RecalculationService recalculations) {
        this.recalculations = recalculations;
    }

    public List<Route> routes() {
        return List.of(
                Route.v2("POST", RECALCULATIONS, this::request, Permission.WRITE),
                Route.v2("GET", RECALCULATIONS, Handler.sync(this::list), Permission.READ),
                Route.v2("GET", RECALCULATION, Handler.sync(this::get), Permission.READ),
                Route.v2("POST", CANCEL, this::cancel, Permission.WRITE));
    }

    private CompletionStage<ApiResponse> request(ApiRequest request) {
        RequestBody body = RequestBody.optional(request, MEMBERS, "a recalculation request");
        RecalculationRequest job = new RecalculationRequest(body.instant("at"), body.instant("as_of"),
                body.texts("engines", 8), body.decimal("threshold_percent"), body.text("reason"),
                RecordsApi.actor(request).id());
        return recalculations.request(job).thenApply(accepted -> ApiResponse.json(202, RecalculationBody.of(accepted))
                .header("Location", RECALCULATIONS + "/" + accepted.id()));
    }

    private ApiResponse list(ApiRequest request) {
        int limit = request.intParam("limit", 100, 1, RecalculationService.MAX_LIST);
        return ApiResponse.ok(Map.of("data", recalculations.list(limit).stream().map(RecalculationBody::of).toList()));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(RecalculationBody.of(recalculations.get(jobId(request))));
    }

    private CompletionStage<ApiResponse> cancel(ApiRequest request) {
        return recalculations.cancel(jobId(request), RecordsApi.actor(request).id())
                .thenApply(job -> ApiResponse.ok(RecalculationBody.of(job)));
    }

    private static long jobId(ApiRequest request) {
        long id = Ids.parsePositiveLong(request.pathParam("id"));
        if (id <= 0) {
            throw ApiException.badRequest("invalid recalculation id; use a positive integer");
        }
        return id;
    }
}
