package io.timetravel.gui.timeline;

import io.timetravel.domain.Instants;
import io.timetravel.domain.Page;
import io.timetravel.domain.VersionInfo;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.Formats;
import io.timetravel.gui.Messages;
import io.timetravel.gui.ShownState;
import io.timetravel.gui.TimeAxis;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.gui.diff.FieldRow;
import io.timetravel.gui.diff.FieldRows;
import io.timetravel.gui.timeline.TimelinePositions.PeriodMark;
import io.timetravel.gui.timeline.TimelinePositions.StatePoint;
import io.timetravel.service.RecordService;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The timeline of the selected record: its versions as positions on the chosen time axis, the
 * position the user scrubs to, and the field table and caption of the state shown there.
 *
 * <p>What a position shows (decision 0015): on the transaction axis, version k as the store
 * answered right after recording it; on the valid axis, the fold of every version true at the
 * position's effective instant, as known now, which is no version's recorded state. The change
 * shown at a step is against the previous position's state on the same axis.
 *
 * <p>All of it runs on the FX thread; the version list and the states are read through
 * {@link BackgroundTasks}. Scrubbing never queues up reads: at most one state read is in
 * flight, and when it returns the latest requested position is served (its answer applied only
 * if it is still the one wanted). States are kept in a bounded cache by what was read (the
 * valid and known instants of {@link TimelinePositions.StatePoint}), and the neighbours of the
 * position are read ahead, so a step to a cached position updates the table at once.
 *
 * <p>States are cached as the user may see them (personal fields masked without {@code pii};
 * with it, each read is recorded in the access log before it is shown), and read again when the
 * user changes.
 */
public final class TimelineViewModel {

    /** Versions per page of the version list (the service's largest page). */
    static final int LIST_PAGE = 1000;
    /** States kept in memory; a state is small and the state at fixed instants never changes, so a few thousand is fine. */
    static final int CACHE_SIZE = 4096;
    /** Positions read ahead in the direction of movement, and behind it. */
    static final int AHEAD = 24;
    static final int BEHIND = 6;
    /** The largest step of Page Up / Page Down. */
    public static final int PAGE_STEP = 10;
    /** Versions a note names; more are counted. */
    static final int NAMED = 3;

    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm[:ss[.SSSSSS][.SSS]]", Locale.ROOT);
    private static final DateTimeFormatter LOCAL_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd[['T'][' ']H:mm[:ss]]", Locale.ROOT);

    private final RecordService records;
    private final WorkbenchAccess access;
    private final WorkspaceState state;
    private final BackgroundTasks tasks;
    private final ZoneId zone;
    private final int listPage;

    private static final ShownState NOTHING = ShownState.plain(JsonObject.empty());

    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper position = new ReadOnlyIntegerWrapper();
    private final ObservableList<FieldRow> rows = FXCollections.observableArrayList();
    private final BooleanProperty onlyChanged = new SimpleBooleanProperty();
    private final ReadOnlyIntegerWrapper changedCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<Long> shownVersion = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper axisLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper axisHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper instantText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper instantUtc = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper versionText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detailsText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper reasonText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper noteText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper noteWarning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<List<PeriodMark>> periodMarks = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper changedText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loadingList = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper listProgress = new ReadOnlyDoubleWrapper(-1);
    private final ObjectProperty<LocalDate> jumpDate = new SimpleObjectProperty<>();
    private final StringProperty jumpTime = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper jumpError = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<TimelinePositions> laidOutPositions = new ReadOnlyObjectWrapper<>(TimelinePositions.EMPTY);
    private final BitemporalMapModel map;
    /** Whether what the position shows is not on screen yet: the list or the position's state is being read. */
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    private TimelinePositions positions = TimelinePositions.EMPTY;
    private Long recordId;
    /** Bumped whenever what a position means changes (record, version list, axis): older answers are dropped. */
    private long generation;
    private long listGeneration;
    private boolean listLoading;
    private boolean reloadWhenLoaded;
    private boolean stateInFlight;
    /** The position whose state the table shows (0 = none). */
    private int applied;
    private int direction = 1;
    private List<FieldRow> allRows = List.of();
    private final Map<StatePoint, ShownState> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<StatePoint, ShownState> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public TimelineViewModel(RecordService records, WorkbenchAccess access, WorkspaceState state, BackgroundTasks tasks,
                             ZoneId zone) {
        this(records, access, state, tasks, zone, LIST_PAGE);
    }

    /** With a smaller page of the version list: for tests of the loading progress. */
    TimelineViewModel(RecordService records, WorkbenchAccess access, WorkspaceState state, BackgroundTasks tasks, ZoneId zone,
                      int listPage) {
        this.listPage = listPage;
        this.records = records;
        this.access = access;
        this.state = state;
        this.tasks = tasks;
        // The fixed offset prints as "Z"; its region name reads better in a caption.
        this.zone = zone.equals(ZoneOffset.UTC) ? ZoneId.of("UTC") : zone;
        state.selectedRecordProperty().addListener((observable, old, id) -> open(id));
        state.timeAxisProperty().addListener((observable, old, axis) -> relayOut());
        state.callerProperty().addListener((observable, old, caller) -> reshow());
        state.lastChangeProperty().addListener((observable, old, change) -> {
            if (state.concernsSelected(change) && change.version() > positions.size()) {
                reload();
            }
        });
        onlyChanged.addListener((observable, old, only) -> showRows());
        jumpDate.addListener((observable, old, date) -> jumpError.set(""));
        jumpTime.addListener((observable, old, text) -> jumpError.set(""));
        // After the caller's change is complete (openRecord selects the record after asking).
        state.requestedVersionProperty().addListener((observable, old, version) -> tasks.ui(this::obeyRequest));
        map = new BitemporalMapModel(this, state, tasks, this.zone);
        open(state.selectedRecordProperty().get());
    }

    // ---- Commands ----

    /** Moves to a position (clamped to 1..n) and shows its state as soon as it is read. */
    public void select(int requested) {
        int n = positions.size();
        if (n == 0) {
            return;
        }
        int target = Math.max(1, Math.min(n, requested));
        if (target != position.get()) {
            direction = target >= position.get() ? 1 : -1;
        }
        position.set(target);
        pump();
    }

    /** Moves by {@code delta} positions (arrow keys: 1, Page keys: {@link #PAGE_STEP}). */
    public void step(int delta) {
        select(position.get() + delta);
    }

    public void first() {
        select(1);
    }

    public void last() {
        select(positions.size());
    }

    /**
     * Jumps to the last position whose instant on the current axis is at or before the entered
     * instant. Returns whether it moved; otherwise {@link #jumpErrorProperty()} says why.
     */
    public boolean jump() {
        Instant instant;
        try {
            instant = jumpInstant();
        } catch (IllegalArgumentException e) {
            jumpError.set(e.getMessage());
            return false;
        }
        if (positions.size() == 0) {
            jumpError.set(Messages.get("timeline.jump.noHistory"));
            return false;
        }
        int target = positions.lastAtOrBefore(instant);
        if (target == 0) {
            jumpError.set(Messages.get("timeline.jump.beforeFirst", local(positions.instantAt(1))));
            return false;
        }
        jumpError.set("");
        select(target);
        return true;
    }

    /** Makes the shown version the diff's side A. */
    public void markDiffFrom() {
        state.diffFromProperty().set(shownVersion.get());
    }

    /** Makes the shown version the diff's side B. */
    public void markDiffTo() {
        state.diffToProperty().set(shownVersion.get());
    }

    // ---- The version list ----

    private void open(Long id) {
        recordId = id;
        generation++;
        listGeneration++;
        cache.clear();
        positions = TimelinePositions.EMPTY;
        laidOutPositions.set(positions);
        periodMarks.set(List.of());
        count.set(0);
        position.set(0);
        applied = 0;
        reloadWhenLoaded = false;
        clearShown();
        statusText.set("");
        jumpError.set("");
        if (id == null) {
            listLoading = false;
            loadingList.set(false);
            updateBusy();
            return;
        }
        loadingList.set(true);
        listLoading = true;
        updateBusy();
        listProgress.set(-1);
        fetch(id, listGeneration, new ArrayList<>(), true);
    }

    /** Reads the versions added since the list was loaded (versions are only ever appended). */
    private void reload() {
        if (recordId == null) {
            return;
        }
        if (listLoading) {
            reloadWhenLoaded = true;
            return;
        }
        fetch(recordId, ++listGeneration, new ArrayList<>(positions.versions()), false);
    }

    /** Reads the version list page by page from {@code loaded.size()}, showing progress, then lays it out. */
    private void fetch(long id, long list, List<VersionInfo> loaded, boolean fresh) {
        listLoading = true;
        int offset = loaded.size();
        tasks.run(() -> records.versions(id, listPage, offset), (Page<VersionInfo> page) -> {
            if (list != listGeneration) {
                return;
            }
            loaded.addAll(page.items());
            if (fresh && page.total() > 0) {
                listProgress.set(Math.min(1.0, loaded.size() / (double) page.total()));
                statusText.set(Messages.get("timeline.loading", loaded.size(), page.total()));
            }
            if (!page.items().isEmpty() && loaded.size() < page.total()) {
                fetch(id, list, loaded, fresh);
            } else {
                listed(loaded, fresh);
            }
        }, failure -> {
            if (list == listGeneration) {
                listLoading = false;
                loadingList.set(false);
                statusText.set(Messages.get("timeline.loadFailed", failure.getMessage()));
                updateBusy();
            }
        });
    }

    private void listed(List<VersionInfo> loaded, boolean fresh) {
        listLoading = false;
        loadingList.set(false);
        statusText.set("");
        int before = positions.size();
        if (fresh || loaded.size() > before) {
            boolean atEnd = before == 0 || position.get() == before;
            long versionHere = before == 0 ? 0 : positions.at(position.get()).version();
            lay(new TimelinePositions(state.timeAxisProperty().get(), loaded));
            // At the end (the current state): follow new versions; elsewhere: stay on the same version.
            select(fresh || atEnd ? positions.size() : positions.positionOf(versionHere));
            obeyRequest();
        }
        updateBusy();
        if (reloadWhenLoaded) {
            reloadWhenLoaded = false;
            reload(); // changes that came in while this list was read
        }
    }

    /**
     * "Open in timeline" asked for a version: once the selected record's list is loaded, shows
     * it where it was recorded (the transaction axis) and clears the request.
     */
    private void obeyRequest() {
        Long requested = state.requestedVersionProperty().get();
        if (requested == null || listLoading || recordId == null || !recordId.equals(state.selectedRecordProperty().get())
                || positions.size() == 0) {
            return; // listed() asks again when the list is in
        }
        state.requestedVersionProperty().set(null);
        state.timeAxisProperty().set(TimeAxis.TRANSACTION);
        int target = positions.positionOf(requested);
        if (target == 0) {
            statusText.set(Messages.get("timeline.requestedMissing", requested));
            return;
        }
        select(target);
    }

    /**
     * The axis changed: the same version, now at its place on the other axis; or the end again
     * when the user was at the end (the current state, on either axis).
     */
    private void relayOut() {
        if (positions.size() == 0) {
            return;
        }
        boolean atEnd = position.get() == positions.size();
        long versionHere = positions.at(position.get()).version();
        lay(new TimelinePositions(state.timeAxisProperty().get(), positions.versions()));
        select(atEnd ? positions.size() : positions.positionOf(versionHere));
    }

    private void lay(TimelinePositions laidOut) {
        positions = laidOut;
        laidOutPositions.set(laidOut);
        generation++;
        applied = 0;
        position.set(0);
        count.set(laidOut.size());
        periodMarks.set(laidOut.periodMarks());
        boolean transaction = laidOut.axis() == TimeAxis.TRANSACTION;
        axisLabel.set(Messages.get(transaction ? "timeline.kind.transaction" : "timeline.kind.valid"));
        axisHint.set(Messages.get(transaction ? "timeline.hint.transaction" : "timeline.hint.valid"));
    }

    // ---- States ----

    /** Shows the requested position if its states are at hand, else reads them (one read at a time). */
    private void pump() {
        int target = position.get();
        if (target == 0 || target == applied) {
            return;
        }
        Set<StatePoint> missing = new LinkedHashSet<>();
        need(target, missing);
        if (missing.isEmpty()) {
            show(target);
            readAhead();
        } else if (!stateInFlight) {
            read(missing);
        }
        updateBusy();
    }

    private void updateBusy() {
        // While scrubbing the last state stays on screen until the next is read: no spinner then.
        busy.set(listLoading || position.get() > 0 && applied == 0 && statusText.get().isEmpty());
    }

    /** The user changed: what the states show may differ, so read them again for the same position. */
    private void reshow() {
        cache.clear();
        generation++;
        applied = 0;
        pump();
    }

    private void read(Set<StatePoint> points) {
        long id = recordId;
        long current = generation;
        Caller caller = state.caller();
        stateInFlight = true;
        tasks.run(() -> readStates(id, points, caller), loaded -> {
            stateInFlight = false;
            if (current == generation) {
                cache.putAll(loaded);
            }
            // Whatever was asked meanwhile is served now; an answer for a position left behind
            // only fills the cache.
            pump();
            readAhead();
        }, failure -> {
            stateInFlight = false;
            if (current == generation) {
                statusText.set(Messages.get("timeline.readFailed", failure.getMessage()));
                updateBusy();
            } else {
                pump();
            }
        });
    }

    /** Reads states: a version's recorded state by its number, any other point as the fold there. */
    private Map<StatePoint, ShownState> readStates(long id, Set<StatePoint> points, Caller caller) {
        return access.disclose(caller, "timeline", disclosure -> {
            Map<StatePoint, ShownState> loaded = new LinkedHashMap<>();
            for (StatePoint point : points) {
                JsonObject data = point.recordedVersion() != 0
                        ? records.version(id, point.recordedVersion()).data()
                        : records.read(id, point.validAt(), point.knownAt()).data();
                loaded.put(point, ShownState.of(disclosure, id, data));
            }
            return loaded;
        });
    }

    /** Reads the states around the shown position in the background, so the next steps find them. */
    private void readAhead() {
        if (stateInFlight) {
            return;
        }
        Set<StatePoint> missing = new LinkedHashSet<>();
        int here = position.get();
        // At either end the only way is back.
        int ahead = here == positions.size() ? -1 : here == 1 ? 1 : direction;
        for (int i = 1; i <= AHEAD && missing.size() < AHEAD; i++) {
            need(here + ahead * i, missing);
        }
        for (int i = 1; i <= BEHIND && missing.size() < AHEAD + BEHIND; i++) {
            need(here - ahead * i, missing);
        }
        if (!missing.isEmpty()) {
            read(missing);
        }
    }

    /** Adds the states a position needs (its own and the previous position's) that are not cached. */
    private void need(int at, Set<StatePoint> missing) {
        if (at < 1 || at > positions.size()) {
            return;
        }
        for (int p = Math.max(1, at - 1); p <= at; p++) {
            StatePoint point = positions.pointAt(p);
            if (!cache.containsKey(point)) {
                missing.add(point);
            }
        }
    }

    private void show(int at) {
        applied = at;
        VersionInfo version = positions.at(at);
        boolean inEffect = positions.inEffectAt(at);
        allRows = rowsBetween(at > 1 ? stateAt(at - 1) : NOTHING, stateAt(at));
        showRows();
        caption(at, version);
        Long shown = inEffect ? version.version() : null;
        shownVersion.set(shown);
        state.cursorVersionProperty().set(shown);
    }

    /** A position's state, from the cache; empty where nothing was in effect. */
    private ShownState stateAt(int at) {
        return positions.inEffectAt(at) ? cache.get(positions.pointAt(at)) : NOTHING;
    }

    private void showRows() {
        int changed = 0;
        for (FieldRow row : allRows) {
            if (changed(row)) {
                changed++;
            }
        }
        changedCount.set(changed);
        changedText.set(applied == 0 ? "" : Messages.get("timeline.changed", changed));
        List<FieldRow> visible = onlyChanged.get() ? allRows.stream().filter(TimelineViewModel::changed).toList() : allRows;
        if (visible.size() == rows.size()) {
            // A step mostly changes a row or two: replacing only those keeps the table from
            // refreshing every cell (measured: the largest part of a step's time).
            for (int i = 0; i < visible.size(); i++) {
                if (!visible.get(i).equals(rows.get(i))) {
                    rows.set(i, visible.get(i));
                }
            }
        } else {
            rows.setAll(visible);
        }
    }

    /**
     * The shown state's fields, each marked by how this step changed it (the same rows as the
     * Diff tab's, so both read alike); "before" is left blank where nothing changed.
     */
    static List<FieldRow> rowsBetween(ShownState previous, ShownState current) {
        List<FieldRow> rows = new ArrayList<>(FieldRows.between(previous, current));
        rows.replaceAll(row -> changed(row) ? row : new FieldRow(row.path(), "", row.after(), row.change()));
        return rows;
    }

    private static boolean changed(FieldRow row) {
        return row.change() != FieldRow.Change.UNCHANGED;
    }

    private void caption(int at, VersionInfo version) {
        TimeAxis axis = positions.axis();
        Instant instant = positions.instantAt(at);
        instantText.set(local(instant));
        instantUtc.set(Messages.get("timeline.utc", Instants.format(instant)));
        int n = positions.size();
        versionText.set(axis == TimeAxis.TRANSACTION
                ? Messages.get("timeline.versionOf", version.version(), n)
                : Messages.get("timeline.versionAt", version.version(), at, n));
        StringBuilder details = new StringBuilder(Messages.get("timeline.by",
                Messages.get("timeline.op." + version.operation().name()), Formats.actor(version.actor())));
        if (version.validTo() != null) {
            details.append(" · ").append(Messages.get("timeline.validPeriod", shortLocal(version.effectiveAt()),
                    shortLocal(version.validTo())));
        } else if (axis == TimeAxis.TRANSACTION && !version.effectiveAt().equals(instant)) {
            details.append(" · ").append(Messages.get("timeline.effective", shortLocal(version.effectiveAt())));
        }
        if (axis == TimeAxis.VALID && !version.recordedAt().equals(instant)) {
            details.append(" · ").append(Messages.get("timeline.recorded", shortLocal(version.recordedAt())));
        }
        detailsText.set(details.toString());
        reasonText.set(version.reason() == null || version.reason().isBlank() ? "" : Messages.get("timeline.reason", version.reason()));
        boolean warning = axis == TimeAxis.TRANSACTION && !inEffectWhenRecorded(version);
        noteText.set(axis == TimeAxis.TRANSACTION ? recordedNote(at, version) : effectiveNote(at, version));
        noteWarning.set(warning);
    }

    /** Whether the version's own change is part of the state the store answered right after recording it. */
    private static boolean inEffectWhenRecorded(VersionInfo version) {
        Instant recorded = version.recordedAt();
        return !version.effectiveAt().isAfter(recorded) && (version.validTo() == null || version.validTo().isAfter(recorded));
    }

    /**
     * On the transaction axis: when the version takes effect, if that is not simply when it was
     * recorded (the details line has its whole period). The state shown includes a back-dated
     * version (unless versions effective later set its fields again), but not one that starts
     * later or had ended already.
     */
    private String recordedNote(int at, VersionInfo version) {
        Instant recorded = version.recordedAt();
        long number = version.version();
        String from = shortLocal(version.effectiveAt());
        if (version.effectiveAt().isAfter(recorded)) {
            return Messages.get(positions.inEffectAt(at) ? "timeline.note.futureDated" : "timeline.note.nothingYet", number, from);
        }
        if (!inEffectWhenRecorded(version)) {
            return Messages.get("timeline.note.ended", number);
        }
        if (version.effectiveAt().isBefore(recorded)) {
            // The step shows what the correction changed in the state then: nothing, when
            // versions effective later set every field it names.
            return Messages.get(changedCount.get() == 0 ? "timeline.note.backDatedHidden" : "timeline.note.backDated", number, from);
        }
        return version.validTo() == null ? "" : Messages.get("timeline.note.bounded", number, shortLocal(version.validTo()));
    }

    /**
     * On the valid axis, the first that applies (one line; the details have the period): the
     * bounded versions that ended since the position before (why fields changed back), the
     * other versions effective at the same instant (the state shown includes them all), or when
     * this bounded version stops holding.
     */
    private String effectiveNote(int at, VersionInfo version) {
        List<VersionInfo> ended = positions.endedBefore(at);
        if (ended.size() == 1) {
            return Messages.get("timeline.note.endedBefore", "v" + ended.get(0).version(), shortLocal(ended.get(0).validTo()));
        }
        if (!ended.isEmpty()) {
            return Messages.get("timeline.note.endedBeforeMany", named(ended.stream().map(VersionInfo::version).toList()));
        }
        int[] run = positions.sameInstant(at);
        if (run[1] > run[0]) {
            List<Long> others = new ArrayList<>();
            for (int p = run[0]; p <= run[1]; p++) {
                if (p != at) {
                    others.add(positions.at(p).version());
                }
            }
            return Messages.get("timeline.note.sameInstant", named(others), others.size());
        }
        return version.validTo() == null ? "" : Messages.get("timeline.note.bounded", version.version(),
                shortLocal(version.validTo()));
    }

    /** "v2, v7", or "v2, v7, v9 and 4 more". */
    private static String named(List<Long> versions) {
        List<String> names = versions.stream().limit(NAMED).map(version -> "v" + version).toList();
        String listed = String.join(", ", names);
        return versions.size() > NAMED ? Messages.get("timeline.note.andMore", listed, versions.size() - NAMED) : listed;
    }

    private void clearShown() {
        allRows = List.of();
        rows.clear();
        changedCount.set(0);
        changedText.set("");
        shownVersion.set(null);
        state.cursorVersionProperty().set(null);
        instantText.set("");
        instantUtc.set("");
        versionText.set("");
        detailsText.set("");
        reasonText.set("");
        noteText.set("");
        noteWarning.set(false);
        axisLabel.set("");
        axisHint.set("");
    }

    // ---- Jumping ----

    /** The instant the jump fields name, or an {@link IllegalArgumentException} saying what is wrong with them. */
    Instant jumpInstant() {
        String time = jumpTime.get() == null ? "" : jumpTime.get().strip();
        LocalDate date = jumpDate.get();
        if (time.length() >= 10 && Character.isDigit(time.charAt(0)) && time.charAt(4) == '-') {
            return instantFromText(time);
        }
        if (date == null) {
            throw new IllegalArgumentException(Messages.get(time.isEmpty() ? "timeline.jump.noDate" : "timeline.jump.noDateForTime"));
        }
        LocalTime at;
        try {
            at = time.isEmpty() ? LocalTime.MIDNIGHT : LocalTime.parse(time, TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(Messages.get("timeline.jump.badTime", time));
        }
        return date.atTime(at).atZone(zone).toInstant();
    }

    /** A full instant typed into the time field: RFC 3339 with an offset, or a local date and time. */
    private Instant instantFromText(String text) {
        boolean hasOffset = text.length() > 10 && (text.endsWith("Z") || text.endsWith("z")
                || text.lastIndexOf('+') > 10 || text.lastIndexOf('-') > 10);
        try {
            if (hasOffset) {
                return Instants.parse(text);
            }
            LocalDateTime local = text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay()
                    : LocalDateTime.parse(text, LOCAL_DATE_TIME);
            return local.atZone(zone).toInstant();
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalArgumentException(Messages.get("timeline.jump.badInstant", text));
        }
    }

    /** Whether the jump fields hold something a jump can use (for showing them as invalid while typing). */
    public BooleanBinding jumpInputValid() {
        return Bindings.createBooleanBinding(() -> {
            try {
                jumpInstant();
                return true;
            } catch (IllegalArgumentException e) {
                return jumpDate.get() == null && (jumpTime.get() == null || jumpTime.get().isBlank());
            }
        }, jumpDate, jumpTime);
    }

    // ---- Text ----

    /** To the second, with the zone: the caption's instant. */
    private String local(Instant instant) {
        return Formats.localTime(instant, zone) + " " + ZONE.format(instant.atZone(zone));
    }

    /** To the minute: instants mentioned in passing. */
    private String shortLocal(Instant instant) {
        return Formats.localMinutes(instant, zone);
    }

    // ---- Properties ----

    /** The number of positions (versions) on the timeline; 0 while none is loaded. */
    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /** The position the user is at, 1..n (0 while none is loaded). */
    public ReadOnlyIntegerProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    public ObjectProperty<TimeAxis> axisProperty() {
        return state.timeAxisProperty();
    }

    /** The field table: the shown state, changed fields marked. */
    public ObservableList<FieldRow> rows() {
        return rows;
    }

    /** Whether the table lists only the fields the step changed. */
    public BooleanProperty onlyChangedProperty() {
        return onlyChanged;
    }

    public ReadOnlyIntegerProperty changedCountProperty() {
        return changedCount.getReadOnlyProperty();
    }

    /**
     * The version at the position, or {@code null} while nothing is shown or nothing was in
     * effect there. On the valid axis the state shown is the fold at its effective instant, which
     * also holds what other versions set.
     */
    public ReadOnlyObjectProperty<Long> shownVersionProperty() {
        return shownVersion.getReadOnlyProperty();
    }

    /** "Recorded" or "Effective": what the instant of the caption is. */
    public ReadOnlyStringProperty axisLabelProperty() {
        return axisLabel.getReadOnlyProperty();
    }

    /** What a position of the current axis shows, in a sentence. */
    public ReadOnlyStringProperty axisHintProperty() {
        return axisHint.getReadOnlyProperty();
    }

    /** The position's instant, local time. */
    public ReadOnlyStringProperty instantTextProperty() {
        return instantText.getReadOnlyProperty();
    }

    /** The position's instant in UTC, RFC 3339 (for a tooltip). */
    public ReadOnlyStringProperty instantUtcProperty() {
        return instantUtc.getReadOnlyProperty();
    }

    /** "version 7 of 120". */
    public ReadOnlyStringProperty versionTextProperty() {
        return versionText.getReadOnlyProperty();
    }

    /** Operation, actor, and the other axis's instant when it differs. */
    public ReadOnlyStringProperty detailsTextProperty() {
        return detailsText.getReadOnlyProperty();
    }

    /** The version's reason, quoted; empty when it gave none. */
    public ReadOnlyStringProperty reasonTextProperty() {
        return reasonText.getReadOnlyProperty();
    }

    /**
     * When the position's version is true if that needs saying (back- or future-dated, bounded),
     * or which other versions took effect at the same instant; else empty.
     */
    public ReadOnlyStringProperty noteTextProperty() {
        return noteText.getReadOnlyProperty();
    }

    /** Whether the note warns: the state shown does not include the position's own version (not yet or no longer true). */
    public ReadOnlyBooleanProperty noteWarningProperty() {
        return noteWarning.getReadOnlyProperty();
    }

    /** The versions with a bounded valid period, as the track marks them. */
    ReadOnlyObjectProperty<List<PeriodMark>> periodMarksProperty() {
        return periodMarks.getReadOnlyProperty();
    }

    /** The versions as laid out on the current axis (empty while none is loaded). */
    ReadOnlyObjectProperty<TimelinePositions> positionsProperty() {
        return laidOutPositions.getReadOnlyProperty();
    }

    /** The bitemporal map of the same record. */
    public BitemporalMapModel map() {
        return map;
    }

    /** "3 fields changed". */
    public ReadOnlyStringProperty changedTextProperty() {
        return changedText.getReadOnlyProperty();
    }

    /** Loading progress or a failure; empty when all is well. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingListProperty() {
        return loadingList.getReadOnlyProperty();
    }

    /**
     * Whether the record or the state at the position is still being read (the view shows a
     * progress indicator): from opening a record (or switching the axis) until its first state
     * is on screen.
     */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** How much of the version list is read, 0..1, or -1 while unknown. */
    public ReadOnlyDoubleProperty listProgressProperty() {
        return listProgress.getReadOnlyProperty();
    }

    public ObjectProperty<LocalDate> jumpDateProperty() {
        return jumpDate;
    }

    /** A time of day for the jump date ("14:30"), or a whole instant (RFC 3339, or local "2026-05-01 14:30"). */
    public StringProperty jumpTimeProperty() {
        return jumpTime;
    }

    /** Why the last jump did not happen; empty when it did. */
    public ReadOnlyStringProperty jumpErrorProperty() {
        return jumpError.getReadOnlyProperty();
    }
}
