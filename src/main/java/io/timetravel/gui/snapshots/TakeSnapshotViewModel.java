package io.timetravel.gui.snapshots;

import io.timetravel.domain.Snapshot;
import io.timetravel.domain.access.Caller;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.FormCheck;
import io.timetravel.gui.Formats;
import io.timetravel.gui.Messages;
import io.timetravel.gui.ReasonRule;
import io.timetravel.gui.TypedInstants;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.service.SnapshotRequest;
import io.timetravel.service.SnapshotService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The form that takes a snapshot: the instant whose states it holds (valid time), as known at an
 * instant (transaction time; empty = when the request is recorded), and the reason. Instants are
 * typed in the user's zone ("2026-05-01 12:00") or as RFC 3339 with an offset; neither may lie in
 * the future. A user who may not see personal data unmasked gets a masked file.
 */
public final class TakeSnapshotViewModel {

    private final SnapshotService snapshots;
    private final WorkbenchAccess access;
    private final BackgroundTasks tasks;
    private final Caller caller;
    private final ZoneId zone;
    private final Clock clock;
    private final Consumer<Snapshot> taken;
    private final Consumer<Throwable> failed;
    private final StringProperty atText = new SimpleStringProperty("");
    private final StringProperty asOfText = new SimpleStringProperty("");
    private final StringProperty reason = new SimpleStringProperty("");
    private final FormCheck check;
    private boolean submitted;

    TakeSnapshotViewModel(SnapshotService snapshots, WorkbenchAccess access, BackgroundTasks tasks, Caller caller, ZoneId zone,
                          Clock clock, Consumer<Snapshot> taken, Consumer<Throwable> failed) {
        this.snapshots = snapshots;
        this.access = access;
        this.tasks = tasks;
        this.caller = caller;
        this.zone = zone;
        this.clock = clock;
        this.taken = taken;
        this.failed = failed;
        // A required reason is not an error before the user has typed anything: the hint says so.
        check = new FormCheck(this::findProblem, atText, asOfText, reason);
    }

    private String findProblem() {
        Instant now = clock.instant();
        Instant at;
        try {
            at = at(now);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (at.isAfter(now)) {
            return Messages.get("snapshots.atFuture");
        }
        try {
            Instant asOf = asOfText.get() == null || asOfText.get().isBlank() ? null : instant(asOfText.get(), "snapshots.asOfField");
            if (asOf != null && asOf.isAfter(now)) {
                return Messages.get("snapshots.asOfFuture");
            }
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return ReasonRule.problem(reason.get(), "snapshots.reasonMissing");
    }

    /** The instant to take the states at: as typed, or {@code now} when the field is empty. */
    private Instant at(Instant now) {
        return atText.get() == null || atText.get().isBlank() ? now : instant(atText.get(), "snapshots.atField");
    }

    /** An instant typed by the user: a date or date and time in their zone, or RFC 3339 with an offset. */
    private Instant instant(String typed, String field) {
        return TypedInstants.parse(typed, zone, Messages.get(field));
    }

    /** Requests the snapshot in the background; returns whether the form may close. */
    public boolean submit() {
        if (!check.validProperty().get() || submitted) {
            check.touch();
            return false;
        }
        submitted = true;
        Instant at = at(clock.instant());
        Instant asOf = asOfText.get() == null || asOfText.get().isBlank() ? null : instant(asOfText.get(), "snapshots.asOfField");
        String why = reason.get().strip();
        tasks.run(() -> {
            // The file masks personal fields for a user who may not see them, and for everyone who later exports it.
            boolean masked = access.disclosure(caller, "snapshots").masks();
            return snapshots.request(new SnapshotRequest(at, asOf, why, caller.id(), masked)).join();
        }, taken, failed);
        return true;
    }

    /** The instant to take the states at (valid time), as typed. */
    public StringProperty atTextProperty() {
        return atText;
    }

    /** As known at (transaction time), as typed; empty = when the request is recorded. */
    public StringProperty asOfTextProperty() {
        return asOfText;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    /** Why the snapshot cannot be requested (an instant not understood or in the future, no reason), and whether it can. */
    public FormCheck check() {
        return check;
    }

    /** Who asks, and whether the file will be masked for them: for the form's footnote. */
    public String requester() {
        return Messages.get(caller.pii() ? "snapshots.requesterPlain" : "snapshots.requesterMasked", Formats.actor(caller.id()));
    }
}
