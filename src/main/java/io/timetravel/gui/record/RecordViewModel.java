package io.timetravel.gui.record;

import io.timetravel.domain.PolicyholderFacts;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.VersionInfo;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.Formats;
import io.timetravel.gui.Messages;
import io.timetravel.gui.RecordTab;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.RecordService;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The selected record's header: who it is about and how much history it has, kept current as
 * the record changes; and whether the record can be changed from here (a user is set).
 */
public final class RecordViewModel {

    private final RecordService records;
    private final WorkspaceState state;
    private final BackgroundTasks tasks;
    private final ZoneId zone;
    private final ObjectProperty<RecordVersion> latest = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(Messages.get("record.none"));
    private final ReadOnlyStringWrapper subtitle = new ReadOnlyStringWrapper("");
    private long versionCount;
    private long generation;

    public RecordViewModel(RecordService records, WorkspaceState state, BackgroundTasks tasks, ZoneId zone) {
        this.records = records;
        this.state = state;
        this.tasks = tasks;
        this.zone = zone;
        state.selectedRecordProperty().addListener((observable, old, id) -> load());
        state.lastChangeProperty().addListener((observable, old, change) -> {
            if (state.concernsSelected(change)) {
                load();
            }
        });
    }

    /** Loads the selected record's current state; answers to an earlier selection are dropped. */
    public void load() {
        long current = ++generation;
        Long id = state.selectedRecordProperty().get();
        if (id == null) {
            latest.set(null);
            title.set(Messages.get("record.none"));
            subtitle.set("");
            return;
        }
        tasks.run(() -> header(id), header -> {
            if (current == generation) {
                show(header);
            }
        }, failure -> {
            if (current == generation) {
                latest.set(null);
                title.set(Messages.get("record.title", id));
                subtitle.set(failure.getMessage());
            }
        });
    }

    /**
     * The current state, how many versions there are and when the newest was recorded: with a
     * back-dated newest version, the state true now is an older version's.
     */
    private record Header(RecordVersion latest, long versions, Instant lastChange) {
    }

    private Header header(long id) {
        RecordVersion now = records.latest(id);
        long count = records.versions(id, 1, 0).total();
        Instant lastChange = records.versions(id, 1, (int) Math.min(Integer.MAX_VALUE, count - 1)).items().stream()
                .map(VersionInfo::recordedAt).findFirst().orElse(now.recordedAt());
        return new Header(now, count, lastChange);
    }

    private void show(Header header) {
        RecordVersion version = header.latest();
        long versions = header.versions();
        versionCount = versions;
        latest.set(version);
        title.set(PolicyholderFacts.name(version.data()).orElse(Messages.get("record.title", version.recordId())));
        subtitle.set(Messages.get("record.subtitle", version.recordId(),
                PolicyholderFacts.region(version.data()).orElse("—"), versions,
                DateTimeFormatter.ISO_LOCAL_DATE.format(version.createdAt().atZone(zone)),
                Formats.localMinutes(header.lastChange(), zone)));
    }

    /** The record's current state, or {@code null} while none is shown. */
    public ObjectProperty<RecordVersion> latestProperty() {
        return latest;
    }

    /** How many versions the shown record has (more than the current state's number when later ones are back-dated). */
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
        return state.requestedTabProperty();
    }

    /** Whether a record is shown. */
    public BooleanBinding hasRecord() {
        return latest.isNotNull();
    }

    /** Whether it may be changed from here: a record is shown and the user is known. */
    public BooleanBinding canChange() {
        return latest.isNotNull().and(Bindings.greaterThan(state.userProperty(), 0));
    }
}
