package io.timetravel.gui.timeline;

import io.timetravel.domain.Instants;
import io.timetravel.domain.VersionInfo;
import io.timetravel.gui.Formats;
import io.timetravel.gui.Messages;
import io.timetravel.gui.TimeAxis;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The caption of the timeline's shown position, as text: what the axis's instants are, the
 * position's instant, its version and what it did, the reason given, and a note when the state
 * shown needs explaining (a back- or future-dated or bounded version, versions that ended, or
 * others that took effect at the same instant).
 */
public final class TimelineCaption {

    /** Versions a note names; more are counted. */
    static final int NAMED = 3;

    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

    private final ZoneId zone;
    private final ReadOnlyStringWrapper axisLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper axisHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper instantText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper instantUtc = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper versionText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detailsText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper reasonText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper noteText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper noteWarning = new ReadOnlyBooleanWrapper();

    TimelineCaption(ZoneId zone) {
        this.zone = zone;
    }

    /** Names what a position of {@code axis} shows. */
    void axis(TimeAxis axis) {
        boolean transaction = axis == TimeAxis.TRANSACTION;
        axisLabel.set(Messages.get(transaction ? "timeline.kind.transaction" : "timeline.kind.valid"));
        axisHint.set(Messages.get(transaction ? "timeline.hint.transaction" : "timeline.hint.valid"));
    }

    /** Describes position {@code at} of {@code positions}, whose step changed {@code changed} fields. */
    void show(TimelinePositions positions, int at, int changed) {
        VersionInfo version = positions.at(at);
        TimeAxis axis = positions.axis();
        Instant instant = positions.instantAt(at);
        instantText.set(local(instant, zone));
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
        noteText.set(axis == TimeAxis.TRANSACTION ? recordedNote(positions, at, version, changed) : effectiveNote(positions, at, version));
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
    private String recordedNote(TimelinePositions positions, int at, VersionInfo version, int changed) {
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
            return Messages.get(changed == 0 ? "timeline.note.backDatedHidden" : "timeline.note.backDated", number, from);
        }
        return version.validTo() == null ? "" : Messages.get("timeline.note.bounded", number, shortLocal(version.validTo()));
    }

    /**
     * On the valid axis, the first that applies (one line; the details have the period): the
     * bounded versions that ended since the position before (why fields changed back), the
     * other versions effective at the same instant (the state shown includes them all), or when
     * this bounded version stops holding.
     */
    private String effectiveNote(TimelinePositions positions, int at, VersionInfo version) {
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

    /** Empties the caption: nothing is shown. */
    void clear() {
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

    /** To the second, with the zone: the caption's instant. */
    static String local(Instant instant, ZoneId zone) {
        return Formats.localTime(instant, zone) + " " + ZONE.format(instant.atZone(zone));
    }

    /** To the minute: instants mentioned in passing. */
    private String shortLocal(Instant instant) {
        return Formats.localMinutes(instant, zone);
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
}
