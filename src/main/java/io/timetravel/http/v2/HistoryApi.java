package io.timetravel.http.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.timetravel.domain.HistoryEntry;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.access.Permission;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.http.ApiRequest;
import io.timetravel.http.ApiResponse;
import io.timetravel.http.Route;
import io.timetravel.service.AccessService;
import io.timetravel.service.Disclosure;
import io.timetravel.service.HistoryService.Comparison;
import io.timetravel.service.HistoryService.TimelinePoint;
import io.timetravel.service.HistoryService;
import io.timetravel.service.RecordService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** A record's history of changes, its state at an instant, and the diff between two points. */
public final class HistoryApi {

    public static final String HISTORY = "/api/v2/records/{id}/history";
    public static final String DIFF = "/api/v2/records/{id}/diff";

    /** One change as the history lists it. */
    public record HistoryBody(long eventId, long version, Instant timestamp, Instant effectiveAt, Instant validTo, long actor,
                              String operation, JsonValue oldValue, JsonValue newValue, String reason) {

        static HistoryBody of(HistoryEntry entry, long recordId, Disclosure disclosure) {
            return new HistoryBody(entry.eventId(), entry.version(), entry.timestamp(), entry.effectiveAt(), entry.validTo(),
                    entry.actor(),
                    entry.operation().name(), disclosure.value(recordId, entry.oldValue()),
                    disclosure.value(recordId, entry.newValue()), entry.reason());
        }
    }

    /** Which version each side of a diff resolved to ({@code null} = the record did not exist yet). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DiffBody(JsonObject added, JsonObject changed, JsonObject removed, Long fromVersion, Long toVersion) {
    }

    private final HistoryService history;
    private final RecordService records;
    private final AccessService access;

    public HistoryApi(HistoryService history, RecordService records, AccessService access) {
        this.history = history;
        this.records = records;
        this.access = access;
    }

    public List<Route> routes() {
        return List.of(
                Route.v2("GET", HISTORY, this::history, Permission.READ),
                Route.v2("GET", DIFF, this::diff, Permission.READ));
    }

    private CompletionStage<ApiResponse> history(ApiRequest request) {
        long id = RecordsApi.recordId(request);
        Optional<Instant> at = request.instantParam("at");
        Disclosure disclosure = RecordsApi.disclosure(access, request);
        if (at.isPresent()) {
            // The state at an instant: its fields, plus the version they come from.
            RecordVersion version = records.read(id, at.get(), request.instantParam("as_of").orElse(null));
            JsonObject state = disclosure.state(id, version.data()).toBuilder().put("version", version.version()).build();
            return RecordsApi.disclosed(disclosure, ApiResponse.ok(Map.of("data", state)));
        }
        int limit = request.intParam("limit", 100, 1, 1000);
        int offset = request.intParam("offset", 0, 0, Integer.MAX_VALUE);
        return RecordsApi.disclosed(disclosure, ApiResponse.ok(PageBody.of(history.history(id, limit, offset)
                .map(entry -> HistoryBody.of(entry, id, disclosure)))));
    }

    private CompletionStage<ApiResponse> diff(ApiRequest request) {
        long id = RecordsApi.recordId(request);
        TimelinePoint from = TimelinePoint.parse(request.queryParam("from").orElse(null), "from");
        TimelinePoint to = TimelinePoint.parse(request.queryParam("to").orElse(null), "to");
        Comparison comparison = history.diff(id, from, to);
        Disclosure disclosure = RecordsApi.disclosure(access, request);
        JsonObject diff = disclosure.diff(id, comparison.diff().toJson());
        return RecordsApi.disclosed(disclosure, ApiResponse.ok(Map.of("data", new DiffBody((JsonObject) diff.getOrNull("added"),
                (JsonObject) diff.getOrNull("changed"), (JsonObject) diff.getOrNull("removed"), versionOf(comparison.from()),
                versionOf(comparison.to())))));
    }

    private static Long versionOf(RecordVersion version) {
        return version == null ? null : version.version();
    }
}
