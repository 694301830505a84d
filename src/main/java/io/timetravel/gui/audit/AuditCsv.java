package io.timetravel.gui.audit;

import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.Instants;
import io.timetravel.domain.access.FieldPolicies;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.service.Disclosure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Audit entries as CSV (RFC 4180): a header row, then one row per entry; every field that holds a
 * comma, a double quote, a carriage return or a line feed is quoted, quotes doubled; lines end in
 * CRLF. Values and hashes are written as the disclosure lets its caller see them, as the API does.
 */
public final class AuditCsv {

    /** The columns, in order. */
    public static final List<String> HEADER = List.of("id", "changed_at", "record_id", "version", "event_type", "actor",
            "actor_verified", "reason", "old_value", "new_value", "prev_hash", "hash");

    private static final int STORED_MAX_DEPTH = 1_000;

    private final Writer out;
    private final Disclosure disclosure;

    public AuditCsv(Writer out, Disclosure disclosure) {
        this.out = out;
        this.disclosure = disclosure;
    }

    public void header() {
        row(HEADER.toArray(String[]::new));
    }

    public void entry(AuditEntry entry) {
        row(Long.toString(entry.id()),
                entry.changedAt() == null ? "" : Instants.format(entry.changedAt()),
                entry.recordId() == null ? "" : entry.recordId().toString(),
                entry.version() == null ? "" : entry.version().toString(),
                entry.eventType(),
                Long.toString(entry.actor()),
                entry.actorVerified() == null ? "" : entry.actorVerified().toString(),
                entry.reason(),
                shown(entry.recordId(), entry.oldValue()),
                shown(entry.recordId(), entry.newValue()),
                disclosure.digest(entry.prevHash()),
                disclosure.digest(entry.hash()));
    }

    /** Stored JSON text as the caller may see it: masked members for whoever gets masked values. */
    private String shown(Long recordId, String text) {
        if (text == null) {
            return null;
        }
        try {
            return disclosure.value(recordId, JsonParser.parse(text, STORED_MAX_DEPTH)).toJson();
        } catch (JsonParseException e) {
            // Not JSON (a hand edit): nothing to mask field by field, so hidden from whoever gets masked values.
            return recordId != null && disclosure.masks() ? FieldPolicies.MASK : text;
        }
    }

    private void row(String... fields) {
        try {
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(field(fields[i]));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One field as RFC 4180 writes it; {@code null} as an empty field. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
