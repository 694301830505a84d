package io.timetravel.http.v2;

import io.timetravel.domain.Snapshot;
import io.timetravel.service.SnapshotView;
import java.time.Instant;

/** A snapshot's state: what it covers, who asked and why, and once completed what it holds. */
public record SnapshotBody(
        long snapshotId,
        String status,
        Instant at,
        Instant asOf,
        String reason,
        long requestedBy,
        Instant requestedAt,
        long recordCount,
        Long byteSize,
        String sha256,
        Instant completedAt,
        Instant expiresAt,
        String error,
        boolean masked) {

    public static SnapshotBody of(SnapshotView view) {
        Snapshot s = view.snapshot();
        return new SnapshotBody(s.id(), view.status(), s.at(), s.asOf(), s.reason(), s.requestedBy(), s.requestedAt(),
                s.recordCount(), s.byteSize(), s.sha256(), s.completedAt(), s.expiresAt(), s.error(),
                s.masked());
    }
}
