package io.timetravel.gui.recalculations;

/**
 * A record whose premium differs most between two engines: its id, both premiums (money with
 * grouped digits) and the difference in percent of the base ("+12.5%").
 */
public record DifferenceRow(long recordId, String base, String other, String differencePercent) {
}
