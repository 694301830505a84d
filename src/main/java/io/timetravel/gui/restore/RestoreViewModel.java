package io.timetravel.gui.restore;

import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.StateDiff;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DialogService;
import io.timetravel.gui.Formats;
import io.timetravel.gui.LatestOnly;
import io.timetravel.gui.Messages;
import io.timetravel.gui.ReasonRule;
import io.timetravel.gui.TypedInstants;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.service.NotFoundException;
import io.timetravel.service.RecordService;
import io.timetravel.service.RestoreCommand;
import io.timetravel.service.WriteOutcome;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Restoring a past state of a record as a new version: the target (a version's state as the
 * store answered right after recording it, or the state true at an instant as known now), the
 * diff the restore will apply to the state true now, and the mandatory reason. The diff is
 * worked out on the stored states and shown with personal fields masked for a user without
 * {@code pii}, so a masked field that the restore changes is still listed.
 */
public final class RestoreViewModel {

    private final RecordService records;
    private final WorkbenchAccess access;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final RecordVersion current;
    private final long versions;
    private final Caller caller;
    private final ZoneId zone;
    private final Consumer<WriteOutcome> written;
    private final BooleanProperty byInstant = new SimpleBooleanProperty();
    private final ObjectProperty<Long> targetVersion = new SimpleObjectProperty<>();
    private final StringProperty instantText = new SimpleStringProperty("");
    private final StringProperty reason = new SimpleStringProperty("");
    private final ObservableList<PreviewRow> preview = FXCollections.observableArrayList();
    private final ObjectProperty<RecordVersion> target = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper targetDescription = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper targetProblem = new ReadOnlyStringWrapper("");
    private final StringBinding problem;
    private final BooleanProperty reasonTouched = new SimpleBooleanProperty();
    private final StringBinding shownProblem;
    private final BooleanBinding valid;
    private final LatestOnly reads;

    /**
     * @param current          the record's current state (true now), named by the highest version in it
     * @param versions         how many versions the record has (more than the current state's
     *                         number when newer ones are not in effect now)
     * @param suggestedVersion the version to offer first (the timeline's position), or {@code null}
     * @param caller           who restores: the version's actor, verified or declared
     * @param written          told (on the UI thread) about the version written
     */
    public RestoreViewModel(RecordService records, WorkbenchAccess access, BackgroundTasks tasks, DialogService dialogs,
                            RecordVersion current, long versions, Long suggestedVersion, Caller caller, ZoneId zone,
                            Consumer<WriteOutcome> written) {
        this(records, access, tasks, dialogs, current, versions, suggestedVersion, false, caller, zone, written);
    }

    /**
     * @param chosen whether the user picked {@code suggestedVersion} (in the History): then it is
     *               offered even when it is the current version (the preview then says it changes
     *               nothing); a mere position of the timeline at the current version offers the one before
     */
    public RestoreViewModel(RecordService records, WorkbenchAccess access, BackgroundTasks tasks, DialogService dialogs,
                            RecordVersion current, long versions, Long suggestedVersion, boolean chosen, Caller caller,
                            ZoneId zone, Consumer<WriteOutcome> written) {
        this.records = records;
        this.access = access;
        this.tasks = tasks;
        this.reads = new LatestOnly(tasks);
        this.dialogs = dialogs;
        this.current = current;
        this.versions = versions;
        this.caller = caller;
        this.zone = zone;
        this.written = written;
        problem = Bindings.createStringBinding(() -> {
            if (!targetProblem.get().isEmpty()) {
                return targetProblem.get();
            }
            return ReasonRule.problem(reason.get(), "restore.reasonMissing");
        }, targetProblem, reason);
        // A missing reason is said only once the user has typed in the field, left it, or tried
        // to restore: red before any typing reads as a reproach for something not yet done.
        shownProblem = Bindings.createStringBinding(() -> !reasonTouched.get() && targetProblem.get().isEmpty()
                && problem.get().equals(Messages.get("restore.reasonMissing")) ? "" : problem.get(), problem, reasonTouched, targetProblem);
        reason.addListener((observable, old, text) -> reasonTouched.set(true));
        valid = Bindings.createBooleanBinding(() -> problem.get().isEmpty() && target.get() != null && !preview.isEmpty(),
                problem, target, preview);
        targetVersion.addListener((observable, old, version) -> resolve());
        instantText.addListener((observable, old, text) -> resolve());
        byInstant.addListener((observable, old, instant) -> resolve());
        long first = suggestedVersion != null && (chosen || suggestedVersion != current.version()) ? suggestedVersion
                : Math.max(1, current.version() - 1);
        targetVersion.set(first);
    }

    /** Finds the state to restore and what restoring it would change; drops answers to older choices. */
    private void resolve() {
        reads.supersede();
        target.set(null);
        preview.clear();
        targetDescription.set("");
        Instant at = null;
        if (byInstant.get()) {
            try {
                at = typedInstant();
            } catch (IllegalArgumentException e) {
                targetProblem.set(Messages.get("restore.instantInvalid"));
                return;
            }
        } else if (targetVersion.get() == null || targetVersion.get() < 1 || targetVersion.get() > versions) {
            targetProblem.set(Messages.get("restore.versionInvalid", versions));
            return;
        }
        targetProblem.set(Messages.get("restore.loading"));
        Instant instant = at;
        Long version = targetVersion.get();
        long id = current.recordId();
        reads.more(() -> access.disclose(caller, "restore", disclosure -> {
            RecordVersion found = instant != null ? records.read(id, instant, null) : records.version(id, version);
            JsonObject now = stateNow(id);
            JsonObject diff = disclosure.diff(id, StateDiff.between(now, found.data()).toJson());
            return new Resolved(found.withData(disclosure.state(id, found.data())), diff);
        }), this::show, failure -> targetProblem.set(failure.getMessage()));
    }

    /**
     * What the restore changes from: the state true now (no version's stored state when
     * corrections carry forward), or no fields when nothing is in effect now.
     */
    private JsonObject stateNow(long id) {
        try {
            return records.latest(id).data();
        } catch (NotFoundException e) {
            if (!records.exists(id)) {
                throw e;
            }
            return JsonObject.empty();
        }
    }

    /** The state to restore as the user may see it, and the diff from now to it ({@code added}/{@code changed}/{@code removed}). */
    private record Resolved(RecordVersion target, JsonObject diff) {
    }

    private void show(Resolved resolved) {
        RecordVersion found = resolved.target();
        target.set(found);
        targetDescription.set(byInstant.get()
                ? Messages.get("restore.targetAt", instantText.get().strip(), found.version(),
                        Formats.localTime(found.recordedAt(), zone), Formats.actor(found.actor()))
                : Messages.get("restore.target", found.version(), Formats.localTime(found.recordedAt(), zone),
                        Formats.localTime(found.effectiveAt(), zone), Formats.actor(found.actor()), Formats.operation(found.operation())));
        List<PreviewRow> rows = new ArrayList<>();
        part(resolved.diff(), "added").members().forEach((field, value) -> rows.add(new PreviewRow(field, "", text(value), "diff-added")));
        part(resolved.diff(), "removed").members().forEach((field, value) -> rows.add(new PreviewRow(field, text(value), "", "diff-removed")));
        part(resolved.diff(), "changed").members().forEach((field, change) -> rows.add(new PreviewRow(field,
                text(((JsonObject) change).getOrNull("from")), text(((JsonObject) change).getOrNull("to")), "diff-changed")));
        rows.sort((a, b) -> a.field().compareTo(b.field()));
        preview.setAll(rows);
        targetProblem.set(rows.isEmpty() ? Messages.get("restore.nothing", found.version()) : "");
    }

    private static JsonObject part(JsonObject diff, String name) {
        return diff.getOrNull(name) instanceof JsonObject part ? part : JsonObject.empty();
    }

    private static String text(JsonValue value) {
        return value == null ? "" : value instanceof JsonString string ? string.value() : value.toJson();
    }

    /** The instant typed, read as every form of the workbench reads one (a date alone: its first instant). */
    private Instant typedInstant() {
        return TypedInstants.read(instantText.get() == null ? "" : instantText.get(), zone, TypedInstants.DateAlone.START);
    }

    /** Restores in the background; returns whether the dialog may close. */
    public boolean submit() {
        reasonTouched.set(true);
        if (!valid.get()) {
            return false;
        }
        RestoreCommand command = byInstant.get()
                ? new RestoreCommand(current.recordId(), null, typedInstant(), null, caller.id(), reason.get(),
                        "desktop", caller.verified())
                : new RestoreCommand(current.recordId(), targetVersion.get(), null, null, caller.id(), reason.get(), "desktop",
                        caller.verified());
        tasks.run(() -> records.restore(command).join(), written, failure -> dialogs.showError(
                Messages.get("restore.title", current.recordId()), Messages.get("restore.failed", failure.getMessage())));
        return true;
    }

    public BooleanProperty byInstantProperty() {
        return byInstant;
    }

    public ObjectProperty<Long> targetVersionProperty() {
        return targetVersion;
    }

    /** The instant to restore (RFC 3339 or a date), when restoring by instant. */
    public StringProperty instantTextProperty() {
        return instantText;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    /** The fields the restore changes, with their values now and after. */
    public ObservableList<PreviewRow> preview() {
        return preview;
    }

    /** The state that would be restored, once known, named by its version (by instant: the highest version in it). */
    public ObjectProperty<RecordVersion> targetProperty() {
        return target;
    }

    public ReadOnlyStringProperty targetDescriptionProperty() {
        return targetDescription.getReadOnlyProperty();
    }

    /** Why the restore cannot be done yet (or what is loading), or empty. */
    public StringBinding problemProperty() {
        return problem;
    }

    /** The problem as the form shows it: a missing reason only once the reason field was touched. */
    public StringBinding shownProblemProperty() {
        return shownProblem;
    }

    /** Notes that the user has been in the reason field (left it, typed, or tried to restore). */
    public void touchReason() {
        reasonTouched.set(true);
    }

    /** Whether OK may be pressed: a target that changes something, and a reason. */
    public BooleanBinding validProperty() {
        return valid;
    }

    public RecordVersion current() {
        return current;
    }

    /** How many versions the record has. */
    public long versions() {
        return versions;
    }
}
