package io.timetravel.http.v2;

import io.timetravel.domain.Ids;
import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.Permission;
import io.timetravel.domain.premium.Decision;
import io.timetravel.domain.premium.Quote;
import io.timetravel.http.ApiException;
import io.timetravel.http.ApiRequest;
import io.timetravel.http.ApiResponse;
import io.timetravel.http.Handler;
import io.timetravel.http.Route;
import io.timetravel.service.AccessService;
import io.timetravel.service.DecisionQuery;
import io.timetravel.service.DecisionReplay;
import io.timetravel.service.Disclosure;
import io.timetravel.service.PremiumService;
import io.timetravel.service.QuoteRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** Premium quotes at any instant, the decisions they leave, their replay, and the engines. */
public final class PremiumApi {

    public static final String PREMIUM = "/api/v2/records/{id}/premium";
    public static final String DECISIONS = "/api/v2/decisions";
    public static final String DECISION = "/api/v2/decisions/{id}";
    public static final String REPLAY = "/api/v2/decisions/{id}/replay";
    public static final String ENGINES = "/api/v2/premium-engines";
    private static final Set<String> QUOTE_MEMBERS = Set.of("at", "as_of", "engine", "engine_version");

    /** The answer to a replay. */
    public record ReplayBody(boolean identical, long decisionId, List<String> differences, Outcome original,
                             Outcome replayed) {
    }

    /** One side of a replay. */
    public record Outcome(long recordVersion, BigDecimal premium, String currency, String inputsSha256,
                          List<DecisionBody.FactorBody> factors) {
        static Outcome of(long recordVersion, Quote quote) {
            return new Outcome(recordVersion, quote.premium(), quote.currency(), quote.inputsSha256(),
                    DecisionBody.FactorBody.of(quote.factors()));
        }
    }

    /** A page of decisions, newest first; {@code next_before} continues it. */
    public record DecisionPage(List<DecisionBody> data, Long nextBefore) {
    }

    /** An engine version. */
    public record EngineBody(String name, int version, Instant releasedAt, boolean inForce, String description,
                             List<String> fields) {
    }

    private final PremiumService premiums;
    private final AccessService access;

    public PremiumApi(PremiumService premiums, AccessService access) {
        this.premiums = premiums;
        this.access = access;
    }

    public List<Route> routes() {
        return List.of(
                Route.v2("POST", PREMIUM, this::quote, Permission.WRITE),
                Route.v2("GET", DECISIONS, this::list, Permission.READ),
                Route.v2("GET", DECISION, this::get, Permission.READ),
                Route.v2("POST", REPLAY, this::replay, Permission.READ),
                Route.v2("GET", ENGINES, Handler.sync(this::engines), Permission.READ));
    }

    private CompletionStage<ApiResponse> quote(ApiRequest request) {
        long id = RecordsApi.recordId(request);
        RequestBody body = RequestBody.optional(request, QUOTE_MEMBERS, "a premium request");
        Actor actor = RecordsApi.actor(request);
        QuoteRequest quote = new QuoteRequest(id, body.instant("at"), body.instant("as_of"), body.text("engine"),
                body.positiveInt("engine_version"), actor, RecordsApi.VERSION);
        Disclosure disclosure = RecordsApi.disclosure(access, request);
        return premiums.quote(quote).thenCompose(decision -> RecordsApi.disclosed(disclosure,
                ApiResponse.json(201, DecisionBody.of(disclosure.decision(decision)))
                        .header("Location", DECISIONS + "/" + decision.id())));
    }

    private CompletionStage<ApiResponse> list(ApiRequest request) {
        int limit = request.intParam("limit", 100, 1, DecisionQuery.MAX_LIMIT);
        Long before = request.queryParam("before").map(text -> {
            long value = Ids.parsePositiveLong(text.strip());
            if (value <= 0) {
                throw ApiException.badRequest("invalid before; use a decision id");
            }
            return value;
        }).orElse(null);
        DecisionQuery query = new DecisionQuery(request.recordParam("record").orElse(null),
                request.queryParam("engine").orElse(null), request.instantParam("from").orElse(null),
                request.instantParam("to").orElse(null), before, limit);
        List<Decision> found = premiums.decisions(query);
        Long next = found.size() == limit ? found.get(found.size() - 1).id() : null;
        Disclosure disclosure = RecordsApi.disclosure(access, request);
        return RecordsApi.disclosed(disclosure, ApiResponse.ok(new DecisionPage(
                found.stream().map(decision -> DecisionBody.of(disclosure.decision(decision))).toList(), next)));
    }

    private CompletionStage<ApiResponse> get(ApiRequest request) {
        Decision decision = premiums.decision(decisionId(request));
        Disclosure disclosure = RecordsApi.disclosure(access, request);
        return RecordsApi.disclosed(disclosure, ApiResponse.ok(DecisionBody.of(disclosure.decision(decision))));
    }

    /** Both sides of a replay go through the caller's disclosure, as the decision itself does. */
    private CompletionStage<ApiResponse> replay(ApiRequest request) {
        DecisionReplay replay = premiums.replay(decisionId(request));
        Disclosure disclosure = RecordsApi.disclosure(access, request);
        Decision decision = disclosure.decision(replay.decision());
        Outcome replayed = replay.replayed() == null ? null : Outcome.of(replay.replayedVersion(),
                disclosure.decision(replay.decision().withQuote(replay.replayed())).quote());
        return RecordsApi.disclosed(disclosure, ApiResponse.ok(new ReplayBody(replay.identical(), decision.id(),
                replay.differences(), Outcome.of(decision.recordVersion(), decision.quote()), replayed)));
    }

    private ApiResponse engines(ApiRequest request) {
        List<EngineBody> all = premiums.engines().all().stream().map(engine -> new EngineBody(engine.name(),
                engine.version(), engine.releasedAt(), premiums.isInForce(engine), engine.description(), engine.fields())).toList();
        return ApiResponse.ok(Map.of("data", all));
    }

    private static long decisionId(ApiRequest request) {
        long id = Ids.parsePositiveLong(request.pathParam("id"));
        if (id <= 0) {
            throw ApiException.badRequest("invalid decision id; use a positive integer");
        }
        return id;
    }
}
