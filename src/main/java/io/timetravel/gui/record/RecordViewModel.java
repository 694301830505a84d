package io.timetravel.gui.record;

import io.timetravel.domain.PolicyholderFacts;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.VersionInfo;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.Permission;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.gui.DeskView;
import io.timetravel.gui.Formats;
import io.timetravel.gui.LatestOnly;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Permissions;
import io.timetravel.gui.RecordTab;
import io.timetravel.gui.RecordViewContext;
import io.timetravel.gui.TimeAxis;
import io.timetravel.gui.WorkbenchCommand;
import io.timetravel.service.NotFoundException;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The selected record's header: who it is about and how much history it has, kept current as
 * the record changes, as the user may see it (personal fields masked without {@code pii}); and
 * whether the user may change it from here, or why not.
 */
public final class RecordViewModel {

    private final RecordViewContext context;
    private final ObjectProperty<RecordVersion> latest = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(Messages.get("record.none"));
    private final ReadOnlyStringWrapper subtitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final StringBinding changeBlocked;
    private long versionCount;
    private Set<String> maskedFields = Set.of();
    private final LatestOnly reads;

    public RecordViewModel(RecordViewContext context) {
        this.context = context;
        this.reads = new LatestOnly(context.tasks());
        changeBlocked = Permissions.whyNot(context.state().callerProperty(), Permission.WRITE);
        context.state().selectedRecordProperty().addListener((observable, old, id) -> load());
        // What is masked depends on who looks.
        context.state().callerProperty().addListener((observable, old, caller) -> load());
        context.state().onSelectedRecordChange(this::load);
        // F5 while the Records view shows: the record is read again (the list reloads itself).
        context.state().onRefresh(DeskView.RECORDS, this::load);
    }

    /**
     * The version a restore offers first: {@code historySelection}, the version selected in the
     * History tab while it shows ({@code null} otherwise), else the timeline's position.
     */
    public RestoreSuggestion restoreSuggestion(Long historySelection) {
        return RestoreSuggestion.of(historySelection, context.state().cursorVersionProperty().get());
    }

    /** Loads the selected record's current state; answers to an earlier selection are dropped. */
    public void load() {
        Long id = context.state().selectedRecordProperty().get();
        problem.set("");
        if (id == null) {
            reads.supersede();
            loading.set(false);
            latest.set(null);
            title.set(Messages.get("record.none"));
            subtitle.set("");
            return;
        }
        loading.set(true);
        Caller caller = context.state().caller();
        reads.run(() -> context.access().disclose(caller, "record", disclosure -> {
            Header header = header(id);
            RecordVersion real = header.latest();
            JsonObject shown = disclosure.state(id, real.data());
            return new Header(real.withData(shown), header.versions(), header.lastChange(), header.inEffect(),
                    masked(real.data(), shown));
        }), header -> {
            loading.set(false);
            show(header);
        }, failure -> {
            loading.set(false);
            latest.set(null);
            title.set(Messages.get("record.title", id));
            subtitle.set("");
            problem.set(Messages.get("record.loadFailed", id, failure.getMessage()));
        });
    }

    /**
     * The current state, how many versions there are and when the newest was recorded. The
     * current state names the highest version it depends on, which is not the newest version
     * when that is not in effect now (it starts later, or its valid period has ended).
     *
     * @param inEffect whether anything is true now; if not, {@code latest} is the newest version with no fields
     */
    private record Header(RecordVersion latest, long versions, Instant lastChange, boolean inEffect, Set<String> maskedFields) {
    }

    /** The top-level fields whose shown value differs from the stored one: masked, so not to be edited. */
    private static Set<String> masked(JsonObject real, JsonObject shown) {
        Set<String> fields = new TreeSet<>();
        shown.members().forEach((name, value) -> {
            JsonValue stored = real.getOrNull(name);
            if (!value.equals(stored)) {
                fields.add(name);
            }
        });
        return fields;
    }

    private Header header(long id) {
        long count = context.records().versions(id, 1, 0).total();
        RecordVersion now;
        boolean inEffect = true;
        try {
            now = context.records().latest(id);
        } catch (NotFoundException e) {
            // Nothing is true now (every version has ended, or the record starts later): the
            // record is still there, with its history, and an edit starts from no fields.
            now = context.records().version(id, count).withData(JsonObject.empty());
            inEffect = false;
        }
        Instant lastChange = context.records().versions(id, 1, (int) Math.min(Integer.MAX_VALUE, count - 1)).items().stream()
                .map(VersionInfo::recordedAt).findFirst().orElse(now.recordedAt());
        return new Header(now, count, lastChange, inEffect, Set.of());
    }

    private void show(Header header) {
        RecordVersion version = header.latest();
        long versions = header.versions();
        versionCount = versions;
        maskedFields = header.maskedFields();
        latest.set(version);
        title.set(PolicyholderFacts.name(version.data()).orElse(Messages.get("record.title", version.recordId())));
        String facts = Messages.get("record.subtitle", version.recordId(),
                PolicyholderFacts.region(version.data()).orElse("—"), versions,
                Formats.localDate(version.createdAt(), context.zone()),
                Formats.localTime(header.lastChange(), context.zone()));
        subtitle.set(header.inEffect() ? facts : Messages.get("record.nothingNow", facts));
    }

    /** Whether the Records view is the one the window shows (its keys work only then). */
    public boolean recordsVisible() {
        return context.state().visibleViewProperty().get() == DeskView.RECORDS;
    }

    /** Puts the timeline on the transaction-time axis: positions are the record as the store knew it then. */
    public void showAsKnown() {
        context.state().timeAxisProperty().set(TimeAxis.TRANSACTION);
    }

    /**
     * Makes the Diff compare the timeline's position (A) with the newest version (B), when the
     * position is another version than the newest; otherwise the pair stays.
     */
    public void compareTimelineWithLatest() {
        Long position = context.state().cursorVersionProperty().get();
        if (position != null && versionCount > 0 && position != versionCount) {
            context.state().diffFromProperty().set(position);
            context.state().diffToProperty().set(versionCount);
        }
    }

    /** Whether the selected record is being read (the header shows a progress indicator). */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Why the selected record could not be read, or empty: shown in the pane, not only logged. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The record's current state, or {@code null} while none is shown. */
    public ObjectProperty<RecordVersion> latestProperty() {
        return latest;
    }

    /** How many versions the shown record has (more than the current state's number when newer ones are not in effect now). */
    public long versionCount() {
        return versionCount;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty subtitleProperty() {
        return subtitle.getReadOnlyProperty();
    }

    /** The tab another view asked to show; the record pane selects it. */
    public ReadOnlyObjectProperty<RecordTab> requestedTabProperty() {
        return context.state().requestedTabProperty();
    }

    /** The menus' commands; the record pane carries out those about the record. */
    public ReadOnlyObjectProperty<WorkbenchCommand> commandProperty() {
        return context.state().commandProperty();
    }

    /** Asks the record pane to show {@code tab}. */
    public void showTab(RecordTab tab) {
        context.state().showTab(tab);
    }

    /** Whether a record is shown. */
    public BooleanBinding hasRecord() {
        return latest.isNotNull();
    }

    /** The record's top-level fields shown masked to this user (the edit dialog keeps them read-only). */
    public Set<String> maskedFields() {
        return maskedFields;
    }

    /** Whether it may be changed from here: a record is shown and the user's roles allow writing. */
    public BooleanBinding canChange() {
        return latest.isNotNull().and(changeBlocked.isEmpty());
    }

    /** Why the user may not edit or restore, e.g. "Needs the role underwriter or admin"; empty when they may. */
    public StringBinding changeBlockedProperty() {
        return changeBlocked;
    }
}
