package io.timetravel.gui.recalculations;

import java.util.List;

/**
 * The base engine against one other in a result: the summary line and the records that differ most.
 *
 * @param summary "412 of 10,000 records differ by more than 10% between classic@1 and risk-v2@2; mean difference +6.3%"
 */
public record Comparison(String base, String other, String summary, List<DifferenceRow> largest) {

    public Comparison {
        largest = List.copyOf(largest);
    }

    /** "classic@1 → risk-v2@2", for the choice between comparisons. */
    @Override
    public String toString() {
        return base + " \u2192 " + other;
    }
}
