package io.timetravel.gui.flags;

import io.timetravel.domain.FeatureFlag;
import io.timetravel.service.FlagChange;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The Flags editor's draft of the selected flag's settings: the switch, the rollout percentage
 * (as the slider holds it and as typed, kept in step), the regions and the description, and the
 * change the draft makes to a flag. Every edit by the user is reported to the listener given at
 * construction; setting the draft from a flag is not an edit.
 */
public final class FlagDraft {

    private final BooleanProperty enabled = new SimpleBooleanProperty();
    private final IntegerProperty rollout = new SimpleIntegerProperty();
    private final StringProperty rolloutText = new SimpleStringProperty("0");
    private final ObservableList<String> regions = FXCollections.observableArrayList();
    private final StringProperty regionInput = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final Runnable edited;
    /** Whether the draft is being set from a flag (not edited by the user). */
    private boolean loading;

    FlagDraft(Runnable edited) {
        this.edited = edited;
        // The slider and the field show the same percentage: whichever the user moves, the other follows.
        rollout.addListener((observable, old, value) -> {
            if (!Objects.equals(parsedRollout(), value.intValue())) {
                rolloutText.set(Integer.toString(value.intValue()));
            }
            edited();
        });
        rolloutText.addListener((observable, old, text) -> {
            Integer value = parsedRollout();
            if (value != null && value >= 0 && value <= 100 && value != rollout.get()) {
                rollout.set(value);
            }
            edited();
        });
        enabled.addListener((observable, old, on) -> edited());
        description.addListener((observable, old, text) -> edited());
        regions.addListener((ListChangeListener<String>) change -> edited());
    }

    private void edited() {
        if (!loading) {
            edited.run();
        }
    }

    /** Sets the draft to {@code flag}'s settings (to nothing for {@code null}) and empties the region being typed. */
    void load(FeatureFlag flag) {
        loading = true;
        try {
            enabled.set(flag != null && flag.enabled());
            rollout.set(flag == null ? 0 : flag.rolloutPercentage());
            rolloutText.set(Integer.toString(rollout.get()));
            regions.setAll(flag == null ? List.of() : flag.regions());
            description.set(flag == null ? "" : flag.description());
            regionInput.set("");
        } finally {
            loading = false;
        }
    }

    /** The settings of the draft that differ from {@code flag} ({@code null} = unchanged), without a reason. */
    FlagChange changeFrom(FeatureFlag flag) {
        Integer percentage = parsedRollout();
        String text = description.get() == null ? "" : description.get().strip();
        return new FlagChange(
                enabled.get() != flag.enabled() ? enabled.get() : null,
                percentage != null && percentage != flag.rolloutPercentage() ? percentage : null,
                !List.copyOf(regions).equals(flag.regions()) ? List.copyOf(regions) : null,
                !text.equals(flag.description()) ? text : null,
                null);
    }

    /** The percentage typed (a trailing % allowed), or {@code null} when it is not a whole number. */
    Integer parsedRollout() {
        String text = rolloutText.get() == null ? "" : rolloutText.get().strip();
        if (text.endsWith("%")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Adds a valid, normalized region code in its sorted place (once), and empties the region being typed. */
    void addRegion(String normalized) {
        if (!regions.contains(normalized)) {
            TreeSet<String> sorted = new TreeSet<>(regions);
            sorted.add(normalized);
            regions.setAll(sorted);
        }
        regionInput.set("");
    }

    void removeRegion(String code) {
        regions.remove(code);
    }

    /** The switch. */
    public BooleanProperty enabledProperty() {
        return enabled;
    }

    /** The rollout percentage, 0 to 100 (the slider). */
    public IntegerProperty rolloutProperty() {
        return rollout;
    }

    /** The rollout percentage as typed (the field), kept in step with {@link #rolloutProperty}. */
    public StringProperty rolloutTextProperty() {
        return rolloutText;
    }

    /** The regions, upper case and sorted; empty = everywhere. */
    public ObservableList<String> regions() {
        return regions;
    }

    /** The region code being typed, to add. */
    public StringProperty regionInputProperty() {
        return regionInput;
    }

    /** The description. */
    public StringProperty descriptionProperty() {
        return description;
    }
}
