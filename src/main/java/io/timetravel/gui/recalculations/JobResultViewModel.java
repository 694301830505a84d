package io.timetravel.gui.recalculations;

import io.timetravel.domain.premium.Recalculation;
import io.timetravel.gui.Formats;
import io.timetravel.gui.Messages;
import io.timetravel.gui.WorkspaceState;
import java.time.ZoneId;
import java.util.List;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The selected job in the Recalculations view: what it is, its end (a failed or cancelled job's
 * error), and for a completed one what it found: the premiums' distribution per engine, the fields
 * that left records unpriced, and per comparison a summary and the records that differ most,
 * any of which opens in the Records view's timeline.
 */
public final class JobResultViewModel {

    private final WorkspaceState state;
    private final ZoneId zone;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(Messages.get("recalc.selectHint"));
    private final ReadOnlyStringWrapper facts = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper ending = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summaries = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper unpriced = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper hasResult = new ReadOnlyBooleanWrapper();
    private final ObservableList<EngineRow> engines = FXCollections.observableArrayList();
    private final ObservableList<Comparison> comparisons = FXCollections.observableArrayList();
    private final ObjectProperty<Comparison> comparison = new SimpleObjectProperty<>();
    private final ObservableList<DifferenceRow> differences = FXCollections.observableArrayList();
    private final ObjectProperty<DifferenceRow> selectedDifference = new SimpleObjectProperty<>();
    private final BooleanBinding canOpen = selectedDifference.isNotNull();
    /** The job whose result the tables show, and its status then: a poll that changes neither keeps them. */
    private String shownKey = "";

    JobResultViewModel(WorkspaceState state, ZoneId zone) {
        this.state = state;
        this.zone = zone;
        comparison.addListener((observable, old, chosen) -> {
            differences.setAll(chosen == null ? List.of() : chosen.largest());
            selectedDifference.set(null);
        });
    }

    /** Shows {@code row} (or nothing): its facts always, its result only when it is a job or status not shown yet. */
    void show(JobRow row) {
        if (row == null) {
            title.set(Messages.get("recalc.selectHint"));
            facts.set("");
            ending.set("");
            result(null);
            shownKey = "";
            return;
        }
        Recalculation job = row.job();
        title.set(Messages.get("recalc.detailTitle", job.id(), row.statusText()));
        facts.set(Messages.get("recalc.detailFacts", Formats.localTime(job.validAt(), zone), Formats.localTime(job.knownAt(), zone),
                row.engines(), job.thresholdPercent().stripTrailingZeros().toPlainString(), row.requestedAt(),
                Formats.actor(job.requestedBy()), job.reason()));
        ending.set(ending(row));
        String key = job.id() + ":" + job.status();
        if (!key.equals(shownKey)) {
            shownKey = key;
            result(job.result() == null ? null : RecalculationResult.of(job.result()));
        }
    }

    private static String ending(JobRow row) {
        Recalculation job = row.job();
        return switch (job.status()) {
            case IN_PROGRESS -> Messages.get("recalc.running", row.progressText());
            case COMPLETED -> "";
            case CANCELLED, FAILED -> Messages.get("recalc.ended." + job.status().text(),
                    job.error() == null ? "" : job.error(), row.progressText());
        };
    }

    private void result(RecalculationResult result) {
        hasResult.set(result != null);
        engines.setAll(result == null ? List.of() : result.engines());
        unpriced.set(result == null || result.unpricedFields().isEmpty() ? ""
                : Messages.get("recalc.unpriced", String.join("\n", result.unpricedFields())));
        List<Comparison> pairs = result == null ? List.of() : result.comparisons();
        summaries.set(pairs.isEmpty() ? (result == null ? "" : Messages.get("recalc.noComparison"))
                : String.join("\n", pairs.stream().map(Comparison::summary).toList()));
        comparisons.setAll(pairs);
        comparison.set(pairs.isEmpty() ? null : pairs.get(0));
    }

    /** Opens the selected record of the largest differences in the Records view's timeline. */
    public void openSelected() {
        DifferenceRow row = selectedDifference.get();
        if (row != null) {
            state.openRecord(row.recordId(), null);
        }
    }

    /** "Recalculation 3 · Completed", or a hint to select a job. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The job's instants, engines, threshold, requester and reason. */
    public ReadOnlyStringProperty factsProperty() {
        return facts.getReadOnlyProperty();
    }

    /** A running job's progress, or how a failed or cancelled one ended and why; empty for a completed one. */
    public ReadOnlyStringProperty endingProperty() {
        return ending.getReadOnlyProperty();
    }

    /** One summary line per comparison. */
    public ReadOnlyStringProperty summariesProperty() {
        return summaries.getReadOnlyProperty();
    }

    /** The fields that left records unpriced, per engine, or empty. */
    public ReadOnlyStringProperty unpricedProperty() {
        return unpriced.getReadOnlyProperty();
    }

    /** Whether the selected job has a result (it completed). */
    public ReadOnlyBooleanProperty hasResultProperty() {
        return hasResult.getReadOnlyProperty();
    }

    public ObservableList<EngineRow> engines() {
        return engines;
    }

    public ObservableList<Comparison> comparisons() {
        return comparisons;
    }

    /** The comparison whose largest differences the table shows. */
    public ObjectProperty<Comparison> comparisonProperty() {
        return comparison;
    }

    public ObservableList<DifferenceRow> differences() {
        return differences;
    }

    public ObjectProperty<DifferenceRow> selectedDifferenceProperty() {
        return selectedDifference;
    }

    public BooleanBinding canOpenProperty() {
        return canOpen;
    }
}
