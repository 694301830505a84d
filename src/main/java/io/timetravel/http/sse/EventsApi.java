package io.timetravel.http.sse;

import io.timetravel.domain.Ids;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.Permission;
import io.timetravel.http.AccessGate;
import io.timetravel.http.ApiException;
import io.timetravel.http.ApiRequest;
import io.timetravel.http.ApiResponse;
import io.timetravel.http.Handler;
import io.timetravel.http.Route;
import io.timetravel.http.v2.RecordsApi;
import io.timetravel.service.AccessService;
import io.timetravel.service.Disclosure;
import io.timetravel.service.EventStreams;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The v2 event streams: {@code GET /api/v2/records/{id}/replay} (every version of a record, in
 * order, then the end) and {@code GET /api/v2/events} (every change, live, resuming after
 * {@code Last-Event-ID}). Everything that can fail is checked before the stream starts, so
 * failures are ordinary JSON errors: 400, 404, and 503 past the limit of open streams.
 */
public final class EventsApi {

    public static final String EVENTS = "/api/v2/events";
    public static final String REPLAY = "/api/v2/records/{id}/replay";
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

    private final EventStreams streams;
    private final AccessService access;
    private final Duration heartbeat;

    public EventsApi(EventStreams streams, AccessService access, Duration heartbeat) {
        this.access = access;
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat must be positive");
        }
        this.streams = streams;
        this.heartbeat = heartbeat;
    }

    public List<Route> routes() {
        return List.of(
                Route.v2("GET", REPLAY, Handler.sync(this::replay), Permission.READ),
                Route.v2("GET", EVENTS, Handler.sync(this::live), Permission.READ));
    }

    private ApiResponse replay(ApiRequest request) {
        long id = RecordsApi.recordId(request);
        return ApiResponse.stream(ApiResponse.EVENT_STREAM, new ReplayStream(streams.replay(id), RecordsApi.disclosure(access, request)));
    }

    private ApiResponse live(ApiRequest request) {
        Long lastEventId = lastEventId(request).orElse(null);
        return ApiResponse.stream(ApiResponse.EVENT_STREAM, new LiveStream(streams.subscribe(lastEventId), heartbeat,
                disclosures(request)));
    }

    /** A disclosure to the request's caller as it is at each call, empty once its access ended. */
    private Supplier<Optional<Disclosure>> disclosures(ApiRequest request) {
        Supplier<Optional<Caller>> caller = AccessGate.currentCaller(access, request, Permission.READ);
        return () -> caller.get().map(current -> access.disclosure(current, request.endpoint()));
    }

    /** The {@code Last-Event-ID} header: a non-negative whole number, else 400. */
    static Optional<Long> lastEventId(ApiRequest request) {
        return request.header("Last-Event-ID").map(value -> {
            long id = Ids.parseNonNegativeLong(value.strip());
            if (id < 0) {
                throw ApiException.badRequest("invalid Last-Event-ID header; use a non-negative whole number");
            }
            return id;
        });
    }
}
