package io.timetravel.gui.record;

/**
 * The version a restore offers first: the one selected in the History (picked by the user, so
 * offered as it is) or the timeline's position; {@code version} is {@code null} when neither has one.
 */
public record RestoreSuggestion(Long version, boolean fromHistory) {

    /** The History's selection when there is one, else the timeline's position. */
    public static RestoreSuggestion of(Long historySelection, Long timelinePosition) {
        return historySelection != null ? new RestoreSuggestion(historySelection, true)
                : new RestoreSuggestion(timelinePosition, false);
    }
}
