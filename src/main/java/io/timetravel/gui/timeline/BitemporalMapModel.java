package io.timetravel.gui.timeline;

import io.timetravel.domain.VersionInfo;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.Formats;
import io.timetravel.gui.LatestOnly;
import io.timetravel.gui.Messages;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.gui.timeline.BitemporalRegions.Region;
import io.timetravel.gui.timeline.TimelinePositions.StatePoint;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The bitemporal map's view model: the record's plane of versions (valid time across, known
 * time down, {@link BitemporalRegions}), computed in the background when the version list
 * changes and only while the map is shown; the timeline's position as a point on it; the point
 * under the mouse and the focused point of the keyboard, each with the version answering there;
 * and the commands: open a version in the timeline, set it as A or B of the Diff (a click in
 * "compare" mode, or with Shift, sets A, the next one B).
 */
public final class BitemporalMapModel {

    /** Cells the arrow keys look through for a different version before stopping. */
    static final int MOVE_LIMIT = 4096;

    /** A point of the plane: valid and known instants in epoch microseconds. */
    record Point(long valid, long known) {
    }

    private final TimelineViewModel timeline;
    private final WorkspaceState state;
    private final LatestOnly computations;
    private final ZoneId zone;

    private final ReadOnlyObjectWrapper<BitemporalRegions> plane = new ReadOnlyObjectWrapper<>(BitemporalRegions.EMPTY);
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Point> cursor = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Region> hovered = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Point> focus = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Region> focused = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper focusText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    private final BooleanProperty compare = new SimpleBooleanProperty();
    private final BooleanProperty active = new SimpleBooleanProperty();
    /** In compare mode (and for Shift-clicks): whether the next pick is B. */
    private final ReadOnlyBooleanWrapper nextIsB = new ReadOnlyBooleanWrapper();

    /** The version list the plane was computed from (by identity), so an axis switch computes nothing. */
    private List<VersionInfo> computedFrom = List.of();

    BitemporalMapModel(TimelineViewModel timeline, WorkspaceState state, BackgroundTasks tasks, ZoneId zone) {
        this.timeline = timeline;
        this.state = state;
        this.computations = new LatestOnly(tasks);
        this.zone = zone;
        timeline.positionsProperty().addListener((observable, old, positions) -> recompute());
        timeline.positionProperty().addListener((observable, old, position) -> followCursor());
        active.addListener((observable, old, on) -> recompute());
        compare.addListener((observable, old, on) -> nextIsB.set(false));
    }

    private void recompute() {
        List<VersionInfo> versions = timeline.positionsProperty().get().versions();
        if (versions.isEmpty()) {
            computations.supersede();
            computedFrom = versions;
            computing.set(false);
            plane.set(BitemporalRegions.EMPTY);
            focus.set(null);
            focused.set(null);
            hovered.set(null);
            focusText.set("");
            statusText.set("");
            return;
        }
        if (!active.get() || versions == computedFrom) {
            followCursor();
            return;
        }
        computedFrom = versions;
        computing.set(true);
        statusText.set(Messages.get("map.computing", versions.size()));
        computations.run(() -> BitemporalRegions.of(versions), computed -> {
            computing.set(false);
            statusText.set("");
            plane.set(computed);
            followCursor();
            if (focus.get() != null) {
                focusOn(focus.get());
            }
        }, failure -> {
            computing.set(false);
            computedFrom = List.of();
            statusText.set(Messages.get("map.failed", failure.getMessage()));
        });
    }

    /** The timeline's position, as the point of the plane whose state it shows. */
    private void followCursor() {
        TimelinePositions positions = timeline.positionsProperty().get();
        int at = timeline.positionProperty().get();
        if (at < 1 || at > positions.size()) {
            cursor.set(null);
            return;
        }
        StatePoint point = positions.pointAt(at);
        cursor.set(new Point(BitemporalRegions.micros(point.validAt()), BitemporalRegions.micros(point.knownAt())));
    }

    // ---- Pointer ----

    /** The mouse is over a point (null: it left the map). */
    public void hover(Point point) {
        hovered.set(point == null ? null : plane.get().regionAt(point.valid(), point.known()));
    }

    /**
     * A click: in compare mode, or with Shift, the version there becomes A, the next one B;
     * else it opens in the timeline. Returns whether a version was there.
     */
    public boolean click(Point point, boolean shift) {
        Region region = plane.get().regionAt(point.valid(), point.known());
        focusOn(point);
        if (region == null) {
            return false;
        }
        if (compare.get() || shift) {
            pick(region.version().version());
        } else {
            open(region.version().version());
        }
        return true;
    }

    /** A then B, then A again: the two ends of the Diff. */
    private void pick(long version) {
        if (nextIsB.get()) {
            state.diffToProperty().set(version);
        } else {
            state.diffFromProperty().set(version);
        }
        nextIsB.set(!nextIsB.get());
    }

    private void open(long version) {
        TimelinePositions positions = timeline.positionsProperty().get();
        int position = positions.positionOf(version);
        if (position > 0) {
            timeline.select(position);
        }
    }

    // ---- Keyboard ----

    /** The map got the keyboard focus: start at the timeline's position, or where it was. */
    public void focusGained() {
        if (focus.get() == null) {
            Point start = cursor.get();
            BitemporalRegions regions = plane.get();
            focusOn(start != null ? start : new Point(regions.start(), regions.end()));
        }
    }

    /** Moves the focus to the next cell with another version along valid time ({@code alongValid}) or known time. */
    public void move(boolean alongValid, int direction) {
        Point at = focus.get();
        if (at == null) {
            focusGained();
            return;
        }
        long moved = plane.get().move(at.valid(), at.known(), alongValid, direction, MOVE_LIMIT);
        focusOn(alongValid ? new Point(moved, at.known()) : new Point(at.valid(), moved));
    }

    /** Enter: opens the focused version in the timeline. */
    public void openFocused() {
        Region region = focused.get();
        if (region != null) {
            open(region.version().version());
        }
    }

    /** The A key: the focused version becomes A of the Diff. */
    public void setFocusedAsA() {
        if (focused.get() != null) {
            state.diffFromProperty().set(focused.get().version().version());
            nextIsB.set(true);
        }
    }

    /** The B key: the focused version becomes B of the Diff. */
    public void setFocusedAsB() {
        if (focused.get() != null) {
            state.diffToProperty().set(focused.get().version().version());
            nextIsB.set(false);
        }
    }

    private void focusOn(Point point) {
        focus.set(point);
        Region region = plane.get().regionAt(point.valid(), point.known());
        focused.set(region);
        focusText.set(region == null
                ? Messages.get("map.focus.none", local(point.valid()), local(point.known()))
                : Messages.get("map.focus", region.version().version(), local(point.valid()), local(point.known())));
    }

    // ---- Text ----

    /** What the tooltip says of a version: number, operation and actor, effective, recorded, reason. */
    public String describe(VersionInfo version) {
        String period = version.validTo() == null
                ? Messages.get("map.tip.effective", local(version.effectiveAt()))
                : Messages.get("map.tip.period", local(version.effectiveAt()), local(version.validTo()));
        String reason = version.reason() == null || version.reason().isBlank() ? "" : "\n" + Messages.get("map.tip.reason", version.reason());
        return Messages.get("map.tip", version.version(), Formats.operation(version.operation()), Formats.actor(version.actor()),
                period, local(version.recordedAt())) + reason;
    }

    private String local(long micros) {
        return local(BitemporalRegions.instant(micros));
    }

    private String local(Instant instant) {
        return Formats.localMinutes(instant, zone);
    }

    ZoneId zone() {
        return zone;
    }

    // ---- Properties ----

    /** The plane of the record's versions; empty while none is computed. */
    public ReadOnlyObjectProperty<BitemporalRegions> planeProperty() {
        return plane.getReadOnlyProperty();
    }

    /** Whether the plane is being computed. */
    public ReadOnlyBooleanProperty computingProperty() {
        return computing.getReadOnlyProperty();
    }

    /** The point whose state the timeline shows, or null. */
    public ReadOnlyObjectProperty<Point> cursorProperty() {
        return cursor.getReadOnlyProperty();
    }

    /** The region under the mouse, or null. */
    public ReadOnlyObjectProperty<Region> hoveredProperty() {
        return hovered.getReadOnlyProperty();
    }

    /** The keyboard's point, or null before the map had the focus. */
    public ReadOnlyObjectProperty<Point> focusProperty() {
        return focus.getReadOnlyProperty();
    }

    /** The region holding the keyboard's point, or null where no version answers. */
    public ReadOnlyObjectProperty<Region> focusedProperty() {
        return focused.getReadOnlyProperty();
    }

    /** "v12 answers valid … as known …": what the keyboard's point shows, in a sentence. */
    public ReadOnlyStringProperty focusTextProperty() {
        return focusText.getReadOnlyProperty();
    }

    /** Computing, or a failure; empty when all is well. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** Whether clicks set A and B of the Diff instead of opening versions. */
    public BooleanProperty compareProperty() {
        return compare;
    }

    /** Whether the map is shown: the plane is computed only then. */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** A of the Diff (the workspace's). */
    public ReadOnlyObjectProperty<Long> diffFromProperty() {
        return state.diffFromProperty();
    }

    /** B of the Diff (the workspace's). */
    public ReadOnlyObjectProperty<Long> diffToProperty() {
        return state.diffToProperty();
    }

    /** Whether the next pick of compare mode sets B. */
    public ReadOnlyBooleanProperty nextIsBProperty() {
        return nextIsB.getReadOnlyProperty();
    }
}
