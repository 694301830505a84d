package io.timetravel.gui.flags;

import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonBoolean;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.gui.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A flag's settings (switch, rollout, regions, description) in words, and what changed between
 * two of them: for the history table and the change form. Works on the flag's JSON form, the one
 * the audit trail keeps.
 */
final class FlagSettings {

    private FlagSettings() {
    }

    /** Each setting that differs, as "Rollout: 25% → 50%"; empty when none does. */
    static List<String> changes(JsonObject before, JsonObject after) {
        List<String> lines = new ArrayList<>();
        compare(lines, "flags.switchChange", switchText(before), switchText(after));
        compare(lines, "flags.rolloutChange", rolloutText(before), rolloutText(after));
        compare(lines, "flags.regionsChange", regionsText(before), regionsText(after));
        String oldDescription = text(before.getOrNull("description"));
        String newDescription = text(after.getOrNull("description"));
        if (!Objects.equals(oldDescription, newDescription)) {
            lines.add(Messages.get("flags.descriptionChange", quoted(oldDescription), quoted(newDescription)));
        }
        return lines;
    }

    /** The changes on one line ("Rollout: 25% → 50% · Regions: everywhere → EU"), or that nothing changed. */
    static String describeChange(JsonObject before, JsonObject after) {
        List<String> lines = changes(before, after);
        return lines.isEmpty() ? Messages.get("flags.noSettingChanged") : String.join(" \u00b7 ", lines);
    }

    /** A list of region codes in words: "everywhere" when empty. */
    static String regions(List<String> codes) {
        return codes.isEmpty() ? Messages.get("flags.everywhere") : String.join(", ", codes);
    }

    private static void compare(List<String> lines, String key, String before, String after) {
        if (!Objects.equals(before, after)) {
            lines.add(Messages.get(key, before, after));
        }
    }

    private static String switchText(JsonObject flag) {
        JsonValue value = flag.getOrNull("enabled");
        return value instanceof JsonBoolean on ? Messages.get(on.value() ? "flags.on" : "flags.off") : "\u2014";
    }

    private static String rolloutText(JsonObject flag) {
        JsonValue value = flag.getOrNull("rollout_percentage");
        return value == null || value.isNull() ? "\u2014" : value + "%";
    }

    private static String regionsText(JsonObject flag) {
        if (!(flag.getOrNull("regions") instanceof JsonArray array)) {
            return "\u2014";
        }
        List<String> codes = new ArrayList<>();
        array.elements().forEach(element -> codes.add(text(element)));
        return regions(codes);
    }

    private static String text(JsonValue value) {
        return value == null || value.isNull() ? null : value instanceof JsonString string ? string.value() : value.toString();
    }

    private static String quoted(String text) {
        return text == null ? "\u2014" : text.isEmpty() ? Messages.get("flags.emptyText") : "\u201c" + abbreviated(text) + "\u201d";
    }

    private static String abbreviated(String text) {
        return text.length() <= 60 ? text : text.substring(0, 59) + "\u2026";
    }
}
