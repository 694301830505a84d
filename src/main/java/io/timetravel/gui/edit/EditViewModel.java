package io.timetravel.gui.edit;

import io.timetravel.domain.Instants;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.domain.json.MergePatch;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DialogService;
import io.timetravel.gui.Formats;
import io.timetravel.gui.Messages;
import io.timetravel.gui.ReasonRule;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.service.RecordService;
import io.timetravel.service.WriteCommand;
import io.timetravel.service.WriteOutcome;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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
 * Editing a record: add, change and remove fields (text, number, boolean or JSON), optionally
 * back-dated and optionally true only until a given instant (the version's {@code valid_to}),
 * with a reason. Validation lives here; the write is the merge patch from the current state to
 * the edited one, so removing a nested member really removes it.
 *
 * <p>Fields the user sees masked (personal data, no {@code pii} grant) are read-only: their
 * masked form is all the dialog has, and writing it back would destroy the real value. The write
 * is checked for masked text once more ({@code Disclosure.checkWrite}) before it is sent.
 */
public final class EditViewModel {

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("\\S(.{0,198}\\S)?");

    private final RecordService records;
    private final WorkbenchAccess access;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final RecordVersion current;
    private final Caller caller;
    private final ZoneId zone;
    private final Clock clock;
    private final Consumer<WriteOutcome> written;
    private final ObservableList<FieldEdit> fields = FXCollections.observableArrayList(
            field -> new Observable[] {field.nameProperty(), field.typeProperty(), field.valueProperty(), field.removedProperty()});
    private final ObjectProperty<FieldEdit> selected = new SimpleObjectProperty<>();
    private final StringProperty newName = new SimpleStringProperty("");
    private final ObjectProperty<FieldType> newType = new SimpleObjectProperty<>(FieldType.TEXT);
    private final BooleanProperty backDated = new SimpleBooleanProperty();
    private final ObjectProperty<LocalDate> effectiveDate = new SimpleObjectProperty<>();
    private final StringProperty effectiveTime = new SimpleStringProperty("00:00");
    private final BooleanProperty bounded = new SimpleBooleanProperty();
    private final ObjectProperty<LocalDate> validToDate = new SimpleObjectProperty<>();
    private final StringProperty validToTime = new SimpleStringProperty("00:00");
    private final ReadOnlyStringWrapper datesProblem = new ReadOnlyStringWrapper("");
    private final StringProperty reason = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final BooleanBinding valid;
    private JsonObject patch = JsonObject.empty();

    /**
     * @param current the record's current state as the user sees it
     * @param masked  its top-level fields shown masked
     * @param caller  who writes: the version's actor, verified or declared
     * @param written told (on the UI thread) about the version written, e.g. to select it
     */
    public EditViewModel(RecordService records, WorkbenchAccess access, BackgroundTasks tasks, DialogService dialogs,
                         RecordVersion current, Set<String> masked, Caller caller, ZoneId zone, Clock clock,
                         Consumer<WriteOutcome> written) {
        this.records = records;
        this.access = access;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.current = current;
        this.caller = caller;
        this.zone = zone;
        this.clock = clock;
        this.written = written;
        current.data().members().forEach((name, value) -> fields.add(masked.contains(name)
                ? FieldEdit.masked(name, value) : FieldEdit.existing(name, value)));
        effectiveDate.set(LocalDate.ofInstant(clock.instant(), zone));
        validToDate.set(effectiveDate.get().plusDays(1));
        Observable[] inputs = {fields, backDated, effectiveDate, effectiveTime, bounded, validToDate, validToTime, reason};
        for (Observable input : inputs) {
            input.addListener(observable -> validate());
        }
        valid = Bindings.createBooleanBinding(() -> problem.get().isEmpty() && !patch.isEmpty(), problem, summary);
        validate();
    }

    /** Adds a field with the name and type typed in the "new field" inputs, and selects it. */
    public void addField() {
        String name = newName.get().strip();
        Optional<String> refusal = checkName(name, null);
        if (refusal.isPresent()) {
            problem.set(refusal.get());
            return;
        }
        FieldEdit field = FieldEdit.added(name, newType.get(), newType.get() == FieldType.BOOLEAN ? "true"
                : newType.get() == FieldType.NUMBER ? "0" : newType.get() == FieldType.JSON ? "{}" : "");
        fields.add(field);
        selected.set(field);
        newName.set("");
        validate();
    }

    /** Marks a field for removal, or takes that back; a new field is simply dropped. */
    public void toggleRemoved(FieldEdit field) {
        if (field.isMasked()) {
            return;
        }
        if (field.isNew()) {
            fields.remove(field);
            if (selected.get() == field) {
                selected.set(null);
            }
        } else {
            field.removedProperty().set(!field.removedProperty().get());
        }
    }

    private Optional<String> checkName(String name, FieldEdit self) {
        if (name.isEmpty()) {
            return Optional.of(Messages.get("edit.nameMissing"));
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of(Messages.get("edit.nameInvalid"));
        }
        for (FieldEdit field : fields) {
            if (field != self && field.nameProperty().get().strip().equals(name)) {
                return Optional.of(Messages.get("edit.nameTaken", name));
            }
        }
        return Optional.empty();
    }

    /** Recomputes the patch, the problem (first one found) and the summary from the inputs. */
    private void validate() {
        String found = "";
        JsonObject.Builder edited = JsonObject.builder();
        Set<String> names = new HashSet<>();
        for (FieldEdit field : fields) {
            if (field.removedProperty().get()) {
                continue;
            }
            String name = field.nameProperty().get() == null ? "" : field.nameProperty().get().strip();
            if (found.isEmpty()) {
                found = checkName(name, field).orElse("");
                if (found.isEmpty() && !names.add(name)) {
                    found = Messages.get("edit.nameTaken", name);
                }
            }
            if (field.isMasked()) {
                // Its shown (masked) value, unchanged: the patch leaves the stored value alone.
                edited.put(name, field.original());
                continue;
            }
            try {
                edited.put(name, field.typeProperty().get().parse(field.valueProperty().get() == null ? "" : field.valueProperty().get()));
            } catch (IllegalArgumentException e) {
                if (found.isEmpty()) {
                    found = Messages.get("edit.fieldProblem", name, e.getMessage());
                }
            }
        }
        datesProblem.set(checkDates());
        if (found.isEmpty()) {
            found = datesProblem.get();
        }
        if (found.isEmpty()) {
            found = ReasonRule.tooLong(reason.get());
        }
        patch = found.isEmpty() ? MergePatch.between(current.data(), edited.build()) : JsonObject.empty();
        problem.set(found);
        summary.set(found.isEmpty() ? describe(patch) : "");
    }

    private static String describe(JsonObject patch) {
        if (patch.isEmpty()) {
            return Messages.get("edit.nothing");
        }
        int removed = 0;
        for (Map.Entry<String, JsonValue> member : patch.members().entrySet()) {
            removed += member.getValue().isNull() ? 1 : 0;
        }
        return Messages.get("edit.summary", patch.size() - removed, removed);
    }

    /**
     * What is wrong with the back-dated effective instant or the valid-until instant, or empty.
     * The change must not take effect in the future, and must stop being true after it takes
     * effect: after the back-dated instant, or else after now (the store refuses anything else).
     */
    private String checkDates() {
        Optional<Instant> effective = backDated.get() ? effectiveAt() : Optional.of(clock.instant());
        if (effective.isEmpty()) {
            return Messages.get("edit.effectiveInvalid");
        }
        if (backDated.get() && effective.get().isAfter(clock.instant())) {
            return Messages.get("edit.effectiveFuture");
        }
        if (!bounded.get()) {
            return "";
        }
        Optional<Instant> until = validTo();
        if (until.isEmpty()) {
            return Messages.get("edit.validToInvalid");
        }
        if (!until.get().isAfter(effective.get())) {
            return backDated.get()
                    ? Messages.get("edit.validToNotAfter", Formats.localTime(effective.get(), zone))
                    : Messages.get("edit.validToNotAfterNow");
        }
        return "";
    }

    /** The back-dated effective instant, when the date and time read as one. */
    Optional<Instant> effectiveAt() {
        return instant(effectiveDate.get(), effectiveTime.get());
    }

    /** The instant the change stops being true, when the date and time read as one. */
    Optional<Instant> validTo() {
        return instant(validToDate.get(), validToTime.get());
    }

    private Optional<Instant> instant(LocalDate date, String timeText) {
        if (date == null) {
            return Optional.empty();
        }
        try {
            LocalTime time = LocalTime.parse(timeText == null ? "" : timeText.strip());
            Instant instant = date.atTime(time).atZone(zone).toInstant();
            return instant.isBefore(Instants.MIN) || instant.isAfter(Instants.MAX) ? Optional.empty() : Optional.of(instant);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The change to send: the merge patch from the current state to the edited one. */
    public JsonObject patch() {
        return patch;
    }

    /** Writes the change in the background; returns whether the dialog may close. */
    public boolean submit() {
        validate();
        if (!valid.get()) {
            return false;
        }
        Instant effective = backDated.get() ? effectiveAt().orElseThrow() : null;
        Instant until = bounded.get() ? validTo().orElseThrow() : null;
        JsonObject change = patch;
        WriteCommand command = new WriteCommand(current.recordId(), change, effective, until, caller.id(), reason.get(), "desktop", null,
                caller.verified());
        tasks.run(() -> {
            access.disclosure(caller, "edit").checkWrite(change);
            return records.write(command).join();
        }, written, failure -> dialogs.showError(Messages.get("edit.title",
                current.recordId()), Messages.get("edit.failed", failure.getMessage())));
        return true;
    }


    public ObservableList<FieldEdit> fields() {
        return fields;
    }

    public ObjectProperty<FieldEdit> selectedProperty() {
        return selected;
    }

    public StringProperty newNameProperty() {
        return newName;
    }

    public ObjectProperty<FieldType> newTypeProperty() {
        return newType;
    }

    public BooleanProperty backDatedProperty() {
        return backDated;
    }

    public ObjectProperty<LocalDate> effectiveDateProperty() {
        return effectiveDate;
    }

    public StringProperty effectiveTimeProperty() {
        return effectiveTime;
    }

    /** Whether the change holds only until {@link #validToDateProperty()} at {@link #validToTimeProperty()}. */
    public BooleanProperty boundedProperty() {
        return bounded;
    }

    public ObjectProperty<LocalDate> validToDateProperty() {
        return validToDate;
    }

    /** The valid-until time of day, HH:mm. */
    public StringProperty validToTimeProperty() {
        return validToTime;
    }

    /** What is wrong with the effective or valid-until date and time, for the error next to them; else empty. */
    public ReadOnlyStringProperty datesProblemProperty() {
        return datesProblem.getReadOnlyProperty();
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    /** What is wrong with the edit, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** What the edit will change, e.g. "2 fields set, 1 removed". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Whether the edit can be saved: no problem, and something changes. */
    public BooleanBinding validProperty() {
        return valid;
    }

    public RecordVersion current() {
        return current;
    }
}
