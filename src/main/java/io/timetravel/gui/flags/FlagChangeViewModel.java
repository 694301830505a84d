package io.timetravel.gui.flags;

import io.timetravel.domain.FeatureFlag;
import io.timetravel.domain.access.Caller;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.FormCheck;
import io.timetravel.gui.Messages;
import io.timetravel.gui.ReasonRule;
import io.timetravel.service.FlagChange;
import io.timetravel.service.FlagService;
import io.timetravel.service.InvalidRequestException;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The change form of a flag: what the change does (old → new), and the reason, without which
 * nothing is written. Submitting writes it as the caller, verified or declared.
 */
public final class FlagChangeViewModel {

    private final FlagService flags;
    private final BackgroundTasks tasks;
    private final FeatureFlag before;
    private final FlagChange change;
    private final Caller caller;
    private final Consumer<FeatureFlag> applied;
    private final Consumer<Throwable> failed;
    private final Runnable started;
    private final StringProperty reason = new SimpleStringProperty("");
    private final FormCheck check;
    private final List<String> lines;
    private boolean submitted;

    FlagChangeViewModel(FlagService flags, BackgroundTasks tasks, FeatureFlag before, FlagChange change, Caller caller,
                        Runnable started, Consumer<FeatureFlag> applied, Consumer<Throwable> failed) {
        this.flags = flags;
        this.tasks = tasks;
        this.before = before;
        this.change = change;
        this.caller = caller;
        this.applied = applied;
        this.failed = failed;
        this.started = started;
        FeatureFlag after = new FeatureFlag(before.key(),
                change.enabled() != null ? change.enabled() : before.enabled(),
                change.rolloutPercentage() != null ? change.rolloutPercentage() : before.rolloutPercentage(),
                change.regions() != null ? change.regions() : before.regions(),
                change.description() != null ? change.description() : before.description(),
                before.updatedAt(), before.updatedBy());
        lines = FlagSettings.changes(FlagService.json(before), FlagService.json(after));
        // Not in red before the user has typed anything: the hint under the field says it is required.
        check = new FormCheck(() -> ReasonRule.problem(reason.get(), "flags.reasonMissing"), reason);
    }

    /** Writes the change in the background; returns whether the form may close (not without a reason). */
    public boolean submit() {
        if (!check.validProperty().get() || submitted) {
            return false;
        }
        FlagChange withReason = new FlagChange(change.enabled(), change.rolloutPercentage(), change.regions(),
                change.description(), reason.get().strip());
        try {
            FlagService.validate(withReason);
        } catch (InvalidRequestException e) {
            failed.accept(e);
            return true;
        }
        submitted = true;
        started.run();
        tasks.run(() -> flags.update(before.key(), withReason, caller.actor()).join(), applied, failed);
        return true;
    }

    /** The flag changed. */
    public String key() {
        return before.key();
    }

    /** What changes, one line per setting: "Rollout: 25% → 50%". */
    public List<String> lines() {
        return lines;
    }

    /** Who the change is recorded as: "user 101 · verified". */
    public String actor() {
        return Messages.get("flags.recordedAs", Messages.get("flags.changedBy", io.timetravel.gui.Formats.actor(caller.id()),
                FlagHistoryRow.identity(caller.verified())));
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    /** Why the change cannot be submitted (no reason, or one too long), and whether it can. */
    public FormCheck check() {
        return check;
    }
}
