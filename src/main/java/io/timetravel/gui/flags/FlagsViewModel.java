package io.timetravel.gui.flags;

import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.FeatureFlag;
import io.timetravel.domain.Regions;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.Permission;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeskView;
import io.timetravel.gui.DialogService;
import io.timetravel.gui.FormSpec;
import io.timetravel.gui.LatestOnly;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Permissions;
import io.timetravel.gui.WorkbenchCommand;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.FlagChange;
import io.timetravel.service.FlagService;
import io.timetravel.service.InvalidRequestException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Flags view: every feature flag with its settings and its own history, and an editor for the
 * selected one. Edits are a draft until the user applies them with a reason, in a form; only then
 * are they written, as the workbench's user, through {@link FlagService#update}. Changes made
 * elsewhere (the API, the command line, SQL by hand) arrive through {@link FlagService#onChange}
 * and are shown at once; a draft the user has started is kept, and compared with the new values.
 */
public final class FlagsViewModel {

    /** Regions offered for adding; any valid code may be typed, and the codes flags use are offered too. */
    static final List<String> SUGGESTED_REGIONS = List.of("APAC", "EU", "LATAM", "UK", "US");

    private final FlagService flags;
    private final WorkspaceState state;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final ZoneId zone;

    private final ObservableList<FlagRow> rows = FXCollections.observableArrayList();
    private final FilteredList<FlagRow> shown = new FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<FlagRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<FlagHistoryRow> history = FXCollections.observableArrayList();

    private final FlagDraft draft = new FlagDraft(this::edited);
    private final ObservableList<String> regionSuggestions = FXCollections.observableArrayList(SUGGESTED_REGIONS);

    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();
    private final BooleanBinding canChange;
    private final StringBinding changeBlocked;
    private final ReadOnlyStringWrapper focusRequest = new ReadOnlyStringWrapper();
    private final LatestOnly reads;
    /** The change form opened last (for tests, which fill it in as a user would). */
    private FlagChangeViewModel lastForm;

    public FlagsViewModel(FlagService flags, WorkspaceState state, BackgroundTasks tasks, DialogService dialogs, ZoneId zone) {
        this.flags = flags;
        this.state = state;
        this.tasks = tasks;
        this.reads = new LatestOnly(tasks);
        this.dialogs = dialogs;
        this.zone = zone;
        canChange = Permissions.allows(state.callerProperty(), Permission.CHANGE_FLAGS);
        changeBlocked = Permissions.whyNot(state.callerProperty(), Permission.CHANGE_FLAGS);
        filter.addListener((observable, old, text) -> {
            String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            shown.setPredicate(row -> needle.isEmpty() || row.key().toLowerCase(Locale.ROOT).contains(needle)
                    || row.flag().description().toLowerCase(Locale.ROOT).contains(needle));
        });
        selected.addListener((observable, old, row) -> {
            history.setAll(row == null ? List.of() : row.history());
            if (old == null || row == null || !old.key().equals(row.key())) {
                loadDraft(row);
            }
        });
        // Changes made anywhere (the API, the command line, SQL by hand) are heard on the refresher's thread.
        flags.onChange(all -> tasks.ui(this::reload));
        state.commandProperty().addListener((observable, old, command) -> obey(command));
        reload();
    }

    /** Reads every flag and its history again; the selection and an unfinished draft are kept. */
    public void reload() {
        loading.set(true);
        reads.run(() -> {
            List<FlagRow> loaded = new ArrayList<>();
            for (FeatureFlag flag : flags.list()) {
                List<FlagHistoryRow> entries = new ArrayList<>();
                for (AuditEntry entry : flags.history(flag.key())) {
                    entries.add(FlagHistoryRow.of(entry, zone));
                }
                loaded.add(FlagRow.of(flag, entries, zone));
            }
            return loaded;
        }, this::show, failure -> {
            loading.set(false);
            status.set(Messages.get("flags.loadFailed", failure.getMessage()));
        });
    }

    private void show(List<FlagRow> loaded) {
        loading.set(false);
        status.set(Messages.get("flags.count", loaded.size()));
        FlagRow before = selected.get();
        String key = before == null ? null : before.key();
        boolean keepDraft = before != null && dirty.get();
        rows.setAll(loaded);
        TreeSet<String> suggestions = new TreeSet<>(SUGGESTED_REGIONS);
        loaded.forEach(row -> suggestions.addAll(row.flag().regions()));
        regionSuggestions.setAll(suggestions);
        FlagRow again = loaded.stream().filter(row -> row.key().equals(key)).findFirst()
                .orElse(loaded.isEmpty() ? null : loaded.get(0));
        selected.set(again);
        if (again == null) {
            return;
        }
        boolean changedMeanwhile = before != null && before.key().equals(again.key()) && !before.flag().equals(again.flag());
        if (keepDraft && changedMeanwhile) {
            notice.set(Messages.get("flags.changedMeanwhile"));
            edited();
        } else if (changedMeanwhile || before == null || !before.key().equals(again.key())) {
            loadDraft(again);
        }
    }

    /** Sets the editor to {@code row}'s settings. */
    private void loadDraft(FlagRow row) {
        draft.load(row == null ? null : row.flag());
        problem.set("");
        notice.set("");
        edited();
    }

    /** After any edit of the draft: whether it differs from the flag, and what is wrong with it. */
    private void edited() {
        FlagRow row = selected.get();
        dirty.set(row != null && !draft.changeFrom(row.flag()).isEmpty());
        problem.set(draftProblem());
    }

    /** What is wrong with the draft, in words, or empty: the service's own validation. */
    private String draftProblem() {
        FlagRow row = selected.get();
        if (row == null) {
            return "";
        }
        if (draft.parsedRollout() == null) {
            return Messages.get("flags.rolloutNotNumber");
        }
        try {
            FlagChange change = draft.changeFrom(row.flag());
            if (!change.isEmpty()) {
                FlagService.validate(change);
            }
            return "";
        } catch (InvalidRequestException e) {
            return Messages.get("flags.invalid", e.getMessage());
        }
    }

    /** Adds the region typed or chosen; an invalid code is refused with the service's message. */
    public void addRegion() {
        String code = draft.regionInputProperty().get() == null ? "" : draft.regionInputProperty().get().strip();
        if (code.isEmpty() || !canChange.get()) {
            return;
        }
        try {
            FlagService.validate(new FlagChange(null, null, List.of(code), null, null));
        } catch (InvalidRequestException e) {
            problem.set(Messages.get("flags.invalid", e.getMessage()));
            return;
        }
        draft.addRegion(Regions.normalize(code));
    }

    public void removeRegion(String code) {
        if (canChange.get()) {
            draft.removeRegion(code);
        }
    }

    /** Puts the selected flag's settings back in the editor, dropping the draft. */
    public void revert() {
        loadDraft(selected.get());
    }

    /**
     * Opens the change form for the draft (Enter): it lists what changes and asks for the reason;
     * nothing is written without one. Does nothing but say why when the draft cannot be applied.
     */
    public void openChange() {
        FlagRow row = selected.get();
        if (row == null) {
            return;
        }
        Caller caller = state.caller();
        if (!caller.allows(Permission.CHANGE_FLAGS)) {
            problem.set(Messages.get("flags.readOnly", changeBlocked.get()));
            return;
        }
        String wrong = draftProblem();
        if (!wrong.isEmpty()) {
            problem.set(wrong);
            return;
        }
        FlagChange change = draft.changeFrom(row.flag());
        if (change.isEmpty()) {
            problem.set(Messages.get("flags.nothingChanged"));
            return;
        }
        FlagChangeViewModel form = new FlagChangeViewModel(flags, tasks, row.flag(), change, caller,
                () -> status.set(Messages.get("flags.applying", row.key())), this::applied, this::failed);
        lastForm = form;
        dialogs.showForm(new FormSpec(Messages.get("flags.changeTitle", row.key()), "/fxml/flags/FlagChange.fxml",
                () -> new FlagChangeView(form), Messages.get("flags.apply"), form.check().validProperty(), form::submit));
    }

    private void applied(FeatureFlag after) {
        status.set(Messages.get("flags.applied", after.key()));
        notice.set("");
        FlagRow row = selected.get();
        if (row != null && row.key().equals(after.key())) {
            // The written settings are the flag's now: the draft is no longer a draft.
            selected.set(FlagRow.of(after, row.history(), zone));
            loadDraft(selected.get());
        }
        reload();
    }

    private void failed(Throwable failure) {
        String message = Messages.get("flags.changeFailed", failure.getMessage());
        problem.set(message);
        dialogs.showError(Messages.get("flags.title"), message);
    }

    /** F5 and Ctrl+F, when this view is the one showing. */
    private void obey(WorkbenchCommand command) {
        if (command == null || state.visibleViewProperty().get() != DeskView.FLAGS) {
            return;
        }
        switch (command) {
            case REFRESH -> reload();
            case FIND -> find();
            default -> {
                // Not this view's.
            }
        }
    }

    /** Asks the view to put the keyboard in the filter field (Ctrl+F when the view shows). */
    public void find() {
        focusRequest.set(null);
        focusRequest.set("filter");
    }

    FlagChangeViewModel lastForm() {
        return lastForm;
    }

    public ObservableList<FlagRow> rows() {
        return rows;
    }

    /** The flags the filter lets through. */
    public FilteredList<FlagRow> shown() {
        return shown;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<FlagRow> selectedProperty() {
        return selected;
    }

    /** The selected flag's own history, newest first. */
    public ObservableList<FlagHistoryRow> history() {
        return history;
    }

    /** The editor's draft of the selected flag's settings. */
    public FlagDraft draft() {
        return draft;
    }

    public ObservableList<String> regionSuggestions() {
        return regionSuggestions;
    }

    /** What is wrong with the draft or the last attempt, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** News about the selected flag (changed elsewhere while being edited), or empty. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** "3 flags", a load failure, or the last change applied. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Whether the draft differs from the selected flag. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** Whether the user may change flags (CHANGE_FLAGS). */
    public BooleanBinding canChangeProperty() {
        return canChange;
    }

    /** Why the user may not change flags ("Needs the role operator or admin"), or empty. */
    public StringBinding changeBlockedProperty() {
        return changeBlocked;
    }

    /** Set to a field's name when the view should focus it; passes through {@code null} so each request is heard. */
    public ReadOnlyStringProperty focusRequestProperty() {
        return focusRequest.getReadOnlyProperty();
    }
}
