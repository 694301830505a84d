package io.timetravel.gui.snapshots;

import io.timetravel.domain.Snapshot;
import io.timetravel.gui.Formats;
import io.timetravel.gui.Messages;
import io.timetravel.service.SnapshotView;
import java.time.ZoneId;

/**
 * A snapshot as the Snapshots view lists it.
 *
 * @param status   {@code in_progress}, {@code completed}, {@code failed} or {@code expired}
 * @param progress the share of records its running job has gone through, or {@code null}
 * @param at       the instant of its states, to the minute (for the table); {@code atExactly} to the second
 */
public record SnapshotRow(Snapshot snapshot, String status, Double progress, String at, String asOf, String atExactly,
                          String asOfExactly, String requestedAt,
                          String requestedBy, String expiresAt) {

    static SnapshotRow of(SnapshotView view, ZoneId zone) {
        Snapshot s = view.snapshot();
        return new SnapshotRow(s, view.status(), view.progress(), Formats.localMinutes(s.at(), zone),
                Formats.localMinutes(s.asOf(), zone), Formats.localTime(s.at(), zone), Formats.localTime(s.asOf(), zone),
                Formats.localTime(s.requestedAt(), zone), Formats.actor(s.requestedBy()),
                Formats.localTime(s.expiresAt(), zone));
    }

    public long id() {
        return snapshot.id();
    }

    public boolean running() {
        return "in_progress".equals(status);
    }

    /** Whether its file can be exported: completed and not expired. */
    public boolean exportable() {
        return "completed".equals(status);
    }

    /** The status in words: "Completed", "Running", "Failed", "Expired". */
    public String statusText() {
        return Messages.get("snapshots.status." + status);
    }

    /** Size of the sealed file in bytes, or {@code null} before it is sealed. */
    public Long byteSize() {
        return snapshot.byteSize();
    }

    public String sha256() {
        return snapshot.sha256() == null ? "" : snapshot.sha256();
    }
}
