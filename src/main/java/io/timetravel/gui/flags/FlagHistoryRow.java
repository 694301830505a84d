package io.timetravel.gui.flags;

import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.gui.Formats;
import io.timetravel.gui.Messages;
import io.timetravel.service.FlagService;
import java.time.ZoneId;

/**
 * One audited change of a flag as its history table shows it.
 *
 * @param when     when it was recorded, in the user's zone
 * @param who      "user 101", or "outside the application" for a change found in the table
 * @param identity "verified", "declared" or "unknown" (entries from before that was recorded)
 * @param change   what changed, old → new
 * @param external whether the change was made outside the application (SQL by hand)
 */
public record FlagHistoryRow(AuditEntry entry, String when, String who, String identity, String change, String reason,
                             boolean external) {

    static FlagHistoryRow of(AuditEntry entry, ZoneId zone) {
        boolean external = FlagService.isExternal(entry);
        String when = entry.changedAt() == null ? Messages.get("flags.unknownTime") : Formats.localTime(entry.changedAt(), zone);
        String who = external ? Messages.get("flags.external") : Formats.actor(entry.actor());
        return new FlagHistoryRow(entry, when, who, external ? Messages.get("flags.identityNobody") : identity(entry.actorVerified()),
                FlagSettings.describeChange(parsed(entry.oldValue()), parsed(entry.newValue())),
                entry.reason() == null ? "" : entry.reason(), external);
    }

    /** "verified", "declared", or "unknown" for entries written before it was recorded. */
    static String identity(Boolean verified) {
        return verified == null ? Messages.get("flags.identityUnknown")
                : Messages.get(verified ? "status.verified" : "status.declared");
    }

    /** A value of the audit trail as JSON; empty when it does not read as JSON (verify reports that). */
    private static JsonObject parsed(String json) {
        try {
            return json == null ? JsonObject.empty() : JsonParser.parseObject(json);
        } catch (JsonParseException e) {
            return JsonObject.empty();
        }
    }
}
