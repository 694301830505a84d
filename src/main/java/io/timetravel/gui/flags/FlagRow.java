package io.timetravel.gui.flags;

import io.timetravel.domain.FeatureFlag;
import io.timetravel.gui.Formats;
import io.timetravel.gui.Messages;
import java.time.ZoneId;
import java.util.List;

/**
 * A flag as the Flags view lists it, with its own history (newest first).
 *
 * @param lastChange      when it was last changed, to the second ("never" when as installed)
 * @param lastChangeShort the same to the minute, for the table
 * @param changedBy  who changed it last, and whether verified or declared
 */
public record FlagRow(FeatureFlag flag, List<FlagHistoryRow> history, String lastChange, String lastChangeShort,
                      String changedBy) {

    static FlagRow of(FeatureFlag flag, List<FlagHistoryRow> history, ZoneId zone) {
        String when = flag.updatedAt() == null ? Messages.get("flags.never") : Formats.localTime(flag.updatedAt(), zone);
        String shortly = flag.updatedAt() == null ? "\u2014" : Formats.localMinutes(flag.updatedAt(), zone);
        return new FlagRow(flag, List.copyOf(history), when, shortly, changedBy(flag, history));
    }

    public String key() {
        return flag.key();
    }

    /** "user 101 · verified", "outside the application", or "—" for a flag never changed. */
    private static String changedBy(FeatureFlag flag, List<FlagHistoryRow> history) {
        FlagHistoryRow newest = history.isEmpty() ? null : history.get(0);
        if (flag.updatedBy() == null) {
            return flag.updatedAt() != null && newest != null && newest.external() ? Messages.get("flags.external")
                    : Messages.get("flags.nobody");
        }
        // The row names the actor; the newest audit entry, written with it, says whether it was proven.
        boolean sameChange = newest != null && !newest.external() && newest.entry().actor() == flag.updatedBy();
        return Messages.get("flags.changedBy", Formats.actor(flag.updatedBy()),
                sameChange ? newest.identity() : Messages.get("flags.identityUnknown"));
    }

    /** "EU, US", or "everywhere". */
    public String regionsText() {
        return FlagSettings.regions(flag.regions());
    }
}
