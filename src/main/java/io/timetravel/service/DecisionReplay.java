package io.timetravel.service;

import io.timetravel.domain.premium.Decision;
import io.timetravel.domain.premium.Quote;
import java.util.List;

/**
 * A decision computed again from what was known when it was made.
 *
 * @param replayed       the new quote, when the record and the engine could still give one
 * @param replayedVersion the record version the replay priced (0 when there was none)
 * @param differences    each way the replay differs, in words; empty when identical
 */
public record DecisionReplay(Decision decision, Quote replayed, long replayedVersion, List<String> differences) {

    public DecisionReplay {
        differences = List.copyOf(differences);
    }

    public boolean identical() {
        return differences.isEmpty();
    }
}
