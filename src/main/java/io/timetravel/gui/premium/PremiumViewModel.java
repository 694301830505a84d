package io.timetravel.gui.premium;

import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.Permission;
import io.timetravel.domain.premium.Decision;
import io.timetravel.domain.premium.Factor;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeskView;
import io.timetravel.gui.Formats;
import io.timetravel.gui.LatestOnly;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Permissions;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.DecisionQuery;
import io.timetravel.service.DecisionReplay;
import io.timetravel.service.PremiumService;
import io.timetravel.service.QuoteRequest;
import io.timetravel.service.UnpricedException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The selected record's premiums: its premium over valid time by each engine in force (computed,
 * nothing recorded), the decisions actually given for it, the selected decision's breakdown with
 * a replay from what was known then, and a quote made now as the workbench's user.
 *
 * <p>Everything loads in the background; an answer older than the newest request of its kind is
 * dropped ({@link LatestOnly}, one for the chart and one for the decisions), a quote's answer only
 * shows while its record is selected, and a replay's only while its decision is.
 */
public final class PremiumViewModel {

    /** The most decisions the table lists (newest first). */
    static final int DECISION_LIMIT = 200;
    /** The API version decisions made here record. */
    static final String API_VERSION = "desktop";
    /** The view's name in the access log ("desktop premium"). */
    static final String VIEW = "premium";

    private final PremiumService premiums;
    private final WorkbenchAccess access;
    private final WorkspaceState state;
    private final BackgroundTasks tasks;
    private final ZoneId zone;

    private final ObservableList<PremiumCurves.Curve> curves = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper chartNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper chartPlaceholder = new ReadOnlyStringWrapper(Messages.get("premium.chartEmpty"));
    private final ObservableList<DecisionRow> decisions = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper decisionsPlaceholder = new ReadOnlyStringWrapper(Messages.get("premium.noDecisions"));
    private final ObjectProperty<DecisionRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<Factor> factors = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper detailTitle = new ReadOnlyStringWrapper(Messages.get("premium.selectHint"));
    private final ReadOnlyStringWrapper detailFacts = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper inputs = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper inputsSha256 = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper flags = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper replayText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Boolean> replayIdentical = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper replaying = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper quoting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper quoteProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper historyLoading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper decisionsLoading = new ReadOnlyBooleanWrapper();
    private final BooleanBinding loading = historyLoading.or(decisionsLoading);
    private final StringBinding quoteBlocked;
    private final BooleanBinding canQuote;
    private final BooleanBinding canReplay;
    private final LatestOnly historyReads;
    private final LatestOnly decisionReads;

    public PremiumViewModel(PremiumService premiums, WorkbenchAccess access, WorkspaceState state, BackgroundTasks tasks,
                            ZoneId zone) {
        this.premiums = premiums;
        this.access = access;
        this.state = state;
        this.tasks = tasks;
        this.historyReads = new LatestOnly(tasks);
        this.decisionReads = new LatestOnly(tasks);
        this.zone = zone;
        quoteBlocked = Permissions.whyNot(state.callerProperty(), Permission.WRITE);
        canQuote = state.selectedRecordProperty().isNotNull().and(quoteBlocked.isEmpty()).and(quoting.not());
        canReplay = selected.isNotNull().and(replaying.not());
        selected.addListener((observable, old, row) -> showDetail(row));
        state.selectedRecordProperty().addListener((observable, old, id) -> reload());
        // What a decision read from personal fields shows depends on who looks.
        state.callerProperty().addListener((observable, old, caller) -> refresh());
        state.onSelectedRecordChange(this::refresh);
        state.onRefresh(DeskView.RECORDS, this::refresh);
        if (state.selectedRecordProperty().get() != null) {
            reload();
        }
    }

    /** Loads the selected record's premiums afresh; answers to an earlier selection are dropped. */
    public void reload() {
        curves.clear();
        chartNote.set("");
        decisions.clear();
        selected.set(null);
        quoteProblem.set("");
        load(null);
    }

    /** Loads them again for the same record (it changed), keeping the selected decision. */
    private void refresh() {
        DecisionRow row = selected.get();
        load(row == null ? null : row.id());
    }

    private void load(Long keepSelected) {
        Long id = state.selectedRecordProperty().get();
        if (id == null) {
            historyReads.supersede();
            decisionReads.supersede();
            historyLoading.set(false);
            decisionsLoading.set(false);
            return;
        }
        loadHistory(id);
        loadDecisions(id, keepSelected);
    }

    private void loadHistory(long id) {
        historyLoading.set(true);
        chartPlaceholder.set(Messages.get("premium.chartLoading"));
        historyReads.run(() -> PremiumCurves.of(premiums.history(id), zone), result -> {
            historyLoading.set(false);
            curves.setAll(result.curves());
            chartNote.set(String.join(" \u00b7 ", result.notes()));
            chartPlaceholder.set(Messages.get("premium.chartEmpty"));
        }, failure -> {
            historyLoading.set(false);
            curves.clear();
            chartPlaceholder.set(Messages.get("premium.chartFailed", failure.getMessage()));
        });
    }

    /** Lists the record's decisions, then selects {@code select} (a decision's id) if it is among them. */
    private void loadDecisions(long id, Long select) {
        decisionsLoading.set(true);
        decisionsPlaceholder.set(Messages.get("premium.decisionsLoading"));
        Caller caller = state.caller();
        decisionReads.run(() -> access.disclose(caller, VIEW, disclosure -> premiums.decisions(DecisionQuery.forRecord(id, DECISION_LIMIT))
                .stream().map(decision -> DecisionRow.of(disclosure.decision(decision), zone)).toList()), rows -> {
            decisionsLoading.set(false);
            decisions.setAll(rows);
            decisionsPlaceholder.set(Messages.get("premium.noDecisions"));
            selected.set(rows.stream().filter(row -> select != null && row.id() == select).findFirst().orElse(null));
        }, failure -> {
            decisionsLoading.set(false);
            decisions.clear();
            decisionsPlaceholder.set(Messages.get("premium.decisionsFailed", failure.getMessage()));
        });
    }

    private void showDetail(DecisionRow row) {
        replayText.set("");
        replayIdentical.set(null);
        if (row == null) {
            factors.clear();
            detailTitle.set(Messages.get("premium.selectHint"));
            detailFacts.set("");
            inputs.set("");
            inputsSha256.set("");
            flags.set("");
            return;
        }
        Decision decision = row.decision();
        factors.setAll(decision.quote().factors());
        detailTitle.set(Messages.get("premium.detail", row.id(), row.engine(), row.premium(), decision.recordVersion()));
        detailFacts.set(Messages.get("premium.detailFacts", Formats.localTime(decision.validAt(), zone),
                Formats.localTime(decision.knownAt(), zone), Formats.localTime(decision.decidedAt(), zone), row.actor(),
                decision.apiVersion(), PremiumService.CHOICE_REQUESTED.equals(decision.choice())
                        ? Messages.get("premium.chosenByName") : Messages.get("premium.chosenByFlag", PremiumService.NEW_RISK_ENGINE,
                        row.choice())));
        inputs.set(joined(decision.quote().inputs(), value -> value));
        inputsSha256.set(decision.quote().inputsSha256());
        flags.set(joined(decision.flags(), on -> Messages.get(on ? "premium.flagOn" : "premium.flagOff")));
    }

    private static <V> String joined(Map<String, V> values, Function<V, String> text) {
        if (values.isEmpty()) {
            return Messages.get("premium.none");
        }
        return values.entrySet().stream().map(entry -> entry.getKey() + " = " + text.apply(entry.getValue()))
                .collect(Collectors.joining(" \u00b7 "));
    }

    /** Prices the selected decision again from what was known when it was made, and says whether it came out the same. */
    public void replay() {
        DecisionRow row = selected.get();
        if (row == null || replaying.get()) {
            return;
        }
        replaying.set(true);
        replayText.set(Messages.get("premium.replaying"));
        replayIdentical.set(null);
        tasks.run(() -> premiums.replay(row.id()), replay -> {
            replaying.set(false);
            if (selected.get() == row) {
                showReplay(replay);
            }
        }, failure -> {
            replaying.set(false);
            if (selected.get() == row) {
                replayText.set(Messages.get("premium.replayFailed", failure.getMessage()));
                replayIdentical.set(false);
            }
        });
    }

    private void showReplay(DecisionReplay replay) {
        if (replay.identical()) {
            replayText.set(Messages.get("premium.identical", Formats.localTime(replay.decision().knownAt(), zone)));
        } else {
            replayText.set(Messages.get("premium.different", String.join("\n\u2022 ", replay.differences())));
        }
        replayIdentical.set(replay.identical());
    }

    /** Quotes the selected record now, as the workbench's user; then lists the decisions again with the new one selected. */
    public void quoteNow() {
        Long id = state.selectedRecordProperty().get();
        if (id == null || !canQuote.get()) {
            return;
        }
        Caller caller = state.caller();
        quoting.set(true);
        quoteProblem.set("");
        QuoteRequest request = new QuoteRequest(id, null, null, null, null, caller.actor(), API_VERSION);
        tasks.run(() -> premiums.quote(request).join(), decision -> {
            quoting.set(false);
            if (id.equals(state.selectedRecordProperty().get())) {
                loadDecisions(id, decision.id());
            }
        }, failure -> {
            quoting.set(false);
            if (id.equals(state.selectedRecordProperty().get())) {
                quoteProblem.set(problem(failure));
            }
        });
    }

    private static String problem(Throwable failure) {
        if (failure instanceof UnpricedException unpriced) {
            List<String> missing = unpriced.missing();
            String invalid = unpriced.invalid().stream().map(Object::toString).collect(Collectors.joining("; "));
            if (invalid.isEmpty()) {
                return Messages.get("premium.quoteMissing", String.join(", ", missing));
            }
            return missing.isEmpty() ? Messages.get("premium.quoteInvalid", invalid)
                    : Messages.get("premium.quoteMissingInvalid", String.join(", ", missing), invalid);
        }
        return Messages.get("premium.quoteFailed", failure.getMessage());
    }

    /** One line per engine in force, over the record's valid time. */
    ObservableList<PremiumCurves.Curve> curves() {
        return curves;
    }

    /** The date a chart x (days since the epoch) stands for. */
    public String dateLabel(Number day) {
        return PremiumCurves.date(day, zone);
    }

    /** Which engines cannot price the record as it stands, and what they lack; empty when all can. */
    public ReadOnlyStringProperty chartNoteProperty() {
        return chartNote.getReadOnlyProperty();
    }

    /** What to say where the chart has no line: loading, failed, or nothing to draw. */
    public ReadOnlyStringProperty chartPlaceholderProperty() {
        return chartPlaceholder.getReadOnlyProperty();
    }

    /** The record's decisions, newest first. */
    public ObservableList<DecisionRow> decisions() {
        return decisions;
    }

    public ReadOnlyStringProperty decisionsPlaceholderProperty() {
        return decisionsPlaceholder.getReadOnlyProperty();
    }

    /** The decision whose breakdown shows, or {@code null}. */
    public ObjectProperty<DecisionRow> selectedProperty() {
        return selected;
    }

    /** The selected decision's breakdown, in the order applied. */
    public ObservableList<Factor> factors() {
        return factors;
    }

    public ReadOnlyStringProperty detailTitleProperty() {
        return detailTitle.getReadOnlyProperty();
    }

    /** The selected decision's instants to the second, who asked, through what, and how the engine was chosen. */
    public ReadOnlyStringProperty detailFactsProperty() {
        return detailFacts.getReadOnlyProperty();
    }

    /** The inputs the engine read, {@code name = value}, in name order. */
    public ReadOnlyStringProperty inputsProperty() {
        return inputs.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty inputsSha256Property() {
        return inputsSha256.getReadOnlyProperty();
    }

    /** Every flag's value when the decision was made, for its caller and the record's region. */
    public ReadOnlyStringProperty flagsProperty() {
        return flags.getReadOnlyProperty();
    }

    /** What the last replay of the selected decision found; empty before one. */
    public ReadOnlyStringProperty replayTextProperty() {
        return replayText.getReadOnlyProperty();
    }

    /** Whether that replay reproduced the decision; {@code null} before one (or while it runs). */
    public ReadOnlyObjectProperty<Boolean> replayIdenticalProperty() {
        return replayIdentical.getReadOnlyProperty();
    }

    public BooleanBinding canReplayProperty() {
        return canReplay;
    }

    /** Whether the user may quote the record now: one is selected, they hold WRITE, no quote is running. */
    public BooleanBinding canQuoteProperty() {
        return canQuote;
    }

    /** Why the user may not quote, or empty. */
    public StringBinding quoteBlockedProperty() {
        return quoteBlocked;
    }

    /** Why the last quote was refused (the fields the record lacks), or empty. */
    public ReadOnlyStringProperty quoteProblemProperty() {
        return quoteProblem.getReadOnlyProperty();
    }

    /** Whether the chart or the decisions are loading. */
    public BooleanBinding loadingProperty() {
        return loading;
    }

    public ReadOnlyBooleanProperty quotingProperty() {
        return quoting.getReadOnlyProperty();
    }
}
