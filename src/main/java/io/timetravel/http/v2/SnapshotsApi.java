package io.timetravel.http.v2;

import io.timetravel.domain.Snapshot;
import io.timetravel.domain.access.Permission;
import io.timetravel.http.ApiException;
import io.timetravel.http.ApiRequest;
import io.timetravel.http.ApiResponse;
import io.timetravel.http.Handler;
import io.timetravel.http.Route;
import io.timetravel.service.AccessService;
import io.timetravel.service.Disclosure;
import io.timetravel.service.SnapshotExport;
import io.timetravel.service.SnapshotRequest;
import io.timetravel.service.SnapshotService;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** Taking snapshots of every record at an instant, following them, and downloading the sealed file. */
public final class SnapshotsApi {

    public static final String SNAPSHOTS = "/api/v2/snapshots";
    public static final String SNAPSHOT = "/api/v2/snapshots/{id}";
    public static final String EXPORT = "/api/v2/snapshots/{id}/export";
    public static final String GZIP = "application/gzip";
    private static final Set<String> MEMBERS = Set.of("at", "as_of", "reason");

    /** The answer to a request: the job is queued. */
    public record AcceptedBody(long snapshotId, String status, Instant at, Instant asOf, Instant expiresAt) {
    }

    private final SnapshotService snapshots;
    private final AccessService access;

    public SnapshotsApi(SnapshotService snapshots, AccessService access) {
        this.snapshots = snapshots;
        this.access = access;
    }

    public List<Route> routes() {
        return List.of(
                Route.v2("POST", SNAPSHOTS, this::request, Permission.SNAPSHOTS),
                Route.v2("GET", SNAPSHOT, Handler.sync(this::get), Permission.SNAPSHOTS),
                Route.v2("GET", EXPORT, this::export, Permission.SNAPSHOTS));
    }

    /** A snapshot request: the instant to take it at, what was known as of (now when absent), and why. */
    record SnapshotInput(Instant at, Instant asOf, String reason) {
        static SnapshotInput read(ApiRequest request) {
            RequestBody body = RequestBody.required(request, MEMBERS, "a snapshot request");
            Instant at = RequestBody.present(body.instant("at"), "at is required: the instant to take the snapshot at");
            return new SnapshotInput(at, body.instant("as_of"), body.text("reason"));
        }
    }

    private CompletionStage<ApiResponse> request(ApiRequest request) {
        SnapshotInput input = SnapshotInput.read(request);
        // A caller who may not see personal data unmasked gets a masked file, and so does
        // everyone else who later downloads it.
        Disclosure disclosure = RecordsApi.disclosure(access, request);
        return snapshots.request(new SnapshotRequest(input.at(), input.asOf(), input.reason(), RecordsApi.actor(request).id(),
                        disclosure.masks()))
                .thenApply(snapshot -> ApiResponse.json(202, accepted(snapshot))
                        .header("Location", SNAPSHOTS + "/" + snapshot.id()));
    }

    private static AcceptedBody accepted(Snapshot snapshot) {
        return new AcceptedBody(snapshot.id(), snapshot.status().text(), snapshot.at(), snapshot.asOf(), snapshot.expiresAt());
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(SnapshotBody.of(snapshots.get(RecordsApi.recordId(request))));
    }

    /**
     * The sealed file. One taken unmasked holds personal data as stored: only a caller who may
     * see it gets it, and that download is recorded in the access log like any other disclosure.
     */
    private CompletionStage<ApiResponse> export(ApiRequest request) {
        long id = RecordsApi.recordId(request);
        Snapshot snapshot = snapshots.get(id).snapshot();
        Disclosure disclosure = RecordsApi.disclosure(access, request);
        if (!snapshot.masked()) {
            if (disclosure.masks()) {
                throw new ApiException(403, "snapshot " + id + " holds personal data unmasked; downloading it needs the pii grant");
            }
            disclosure.everyPersonalField(snapshots.recordIds(id));
        }
        SnapshotExport export = snapshots.export(id);
        byte[] digest = HexFormat.of().parseHex(export.sha256());
        return RecordsApi.disclosed(disclosure, ApiResponse.file(export.file(), GZIP)
                .header("Content-Disposition", "attachment; filename=\"" + export.name() + "\"")
                .header("Digest", "sha-256=" + Base64.getEncoder().encodeToString(digest))
                .header("X-Content-SHA256", export.sha256()));
    }
}
