package io.timetravel.gui.recalculations;

import io.timetravel.domain.premium.PremiumEngine;
import io.timetravel.domain.premium.PremiumEngines;
import io.timetravel.gui.FormCheck;
import io.timetravel.gui.Messages;
import io.timetravel.gui.ReasonRule;
import io.timetravel.gui.TypedInstants;
import io.timetravel.service.RecalculationService;
import io.timetravel.service.RecalculationRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The form that starts a recalculation: the valid instant (empty = as known at), as known at
 * (empty = when the request is recorded), both typed in the user's zone; the engines, each at the
 * version in force now; the threshold in percent; and the reason. Each field says what is wrong
 * with it; the form is valid when none does.
 */
public final class RecalculationFormViewModel {

    /** The largest threshold the service takes. */
    static final BigDecimal MAX_THRESHOLD = BigDecimal.valueOf(1_000);

    private final ZoneId zone;
    private final Clock clock;
    private final List<EngineChoice> engines = new ArrayList<>();
    private final StringProperty atText = new SimpleStringProperty("");
    private final StringProperty asOfText = new SimpleStringProperty("");
    private final StringProperty thresholdText = new SimpleStringProperty(RecalculationService.DEFAULT_THRESHOLD.toPlainString());
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringBinding atProblem;
    private final StringBinding asOfProblem;
    private final StringBinding thresholdProblem;
    private final StringBinding enginesProblem;
    private final FormCheck reasonCheck;
    private final BooleanBinding valid;

    RecalculationFormViewModel(PremiumEngines available, ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
        Instant now = clock.instant();
        for (String name : available.names()) {
            engines.add(new EngineChoice(name, available.inForce(name, now).map(PremiumEngine::label).orElse(null)));
        }
        atProblem = problem(this::findAtProblem, atText);
        asOfProblem = problem(this::findAsOfProblem, asOfText);
        thresholdProblem = problem(this::findThresholdProblem, thresholdText);
        enginesProblem = problem(() -> chosen().isEmpty() ? Messages.get("recalc.enginesMissing") : "",
                engines.stream().map(EngineChoice::selectedProperty).toArray(Observable[]::new));
        // A required reason is not an error before the user has typed anything: the prompt says so.
        reasonCheck = new FormCheck(() -> ReasonRule.problem(reason.get(), "recalc.reasonMissing"), reason);
        StringBinding reasonProblem = reasonCheck.problemProperty();
        valid = Bindings.createBooleanBinding(() -> atProblem.get().isEmpty() && asOfProblem.get().isEmpty()
                && thresholdProblem.get().isEmpty() && enginesProblem.get().isEmpty() && reasonProblem.get().isEmpty(),
                atProblem, asOfProblem, thresholdProblem, enginesProblem, reasonProblem);
    }

    private static StringBinding problem(java.util.concurrent.Callable<String> find, Observable... on) {
        return Bindings.createStringBinding(find, on);
    }

    private String findAtProblem() {
        try {
            instant(atText.get(), "recalc.atField");
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private String findAsOfProblem() {
        Instant asOf;
        try {
            asOf = instant(asOfText.get(), "recalc.asOfField");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return asOf != null && asOf.isAfter(clock.instant()) ? Messages.get("recalc.asOfFuture") : "";
    }

    private String findThresholdProblem() {
        BigDecimal threshold;
        try {
            threshold = threshold();
        } catch (NumberFormatException e) {
            return Messages.get("recalc.thresholdInvalid", thresholdText.get());
        }
        return threshold.signum() < 0 || threshold.compareTo(MAX_THRESHOLD) > 0
                ? Messages.get("recalc.thresholdRange", MAX_THRESHOLD.toPlainString()) : "";
    }

    private Instant instant(String typed, String fieldKey) {
        return TypedInstants.parseOptional(typed, zone, Messages.get(fieldKey));
    }

    private BigDecimal threshold() {
        String text = thresholdText.get() == null ? "" : thresholdText.get().strip().replace("%", "").strip();
        return new BigDecimal(text);
    }

    /** The request the form describes, made by {@code requestedBy}; only while {@link #validProperty} holds. */
    RecalculationRequest request(long requestedBy) {
        if (!valid.get()) {
            throw new IllegalStateException("the form is not valid");
        }
        return new RecalculationRequest(instant(atText.get(), "recalc.atField"), instant(asOfText.get(), "recalc.asOfField"),
                chosen(), threshold(), reason.get().strip(), requestedBy);
    }

    /** The labels of the engines ticked (those with a version in force), the first the base of the comparisons. */
    private List<String> chosen() {
        return engines.stream().filter(e -> e.inForce() != null && e.selectedProperty().get()).map(EngineChoice::inForce).toList();
    }

    /** After a start: the reason is for that job, so the next one asks again. */
    void clearReason() {
        reason.set("");
        reasonCheck.untouch();
    }

    /** Shows every problem, the untouched reason's too (after Start was pressed on an invalid form). */
    void touchAll() {
        reasonCheck.touch();
    }

    /** The engines offered, by name; each ticked when a version is in force. */
    public List<EngineChoice> engines() {
        return engines;
    }

    /** The valid instant, as typed; empty = the same as as known at. */
    public StringProperty atTextProperty() {
        return atText;
    }

    /** As known at, as typed; empty = when the request is recorded. */
    public StringProperty asOfTextProperty() {
        return asOfText;
    }

    /** The threshold in percent, as typed. */
    public StringProperty thresholdTextProperty() {
        return thresholdText;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public StringBinding atProblemProperty() {
        return atProblem;
    }

    public StringBinding asOfProblemProperty() {
        return asOfProblem;
    }

    public StringBinding thresholdProblemProperty() {
        return thresholdProblem;
    }

    public StringBinding enginesProblemProperty() {
        return enginesProblem;
    }

    /** What is wrong with the reason, once the user has typed one (or pressed Start). */
    public StringBinding reasonProblemProperty() {
        return reasonCheck.shownProblemProperty();
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
