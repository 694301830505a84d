package io.timetravel.service;

import io.timetravel.domain.EventLogEntry;
import io.timetravel.domain.HistoryEntry;
import io.timetravel.domain.Ids;
import io.timetravel.domain.Instants;
import io.timetravel.domain.Operation;
import io.timetravel.domain.Page;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.StateDiff;
import io.timetravel.domain.json.JsonNull;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonValue;
import java.time.Instant;

/**
 * What auditors ask of a record's past: its history of changes, and the difference between two
 * points of its timeline.
 */
public final class HistoryService {

    private final RecordService records;
    private final EventLog events;

    public HistoryService(RecordService records, EventLog events) {
        this.records = records;
        this.events = events;
    }

    /** The record's changes, oldest first, from the event log (complete even with audit logging off). */
    public Page<HistoryEntry> history(long recordId, int limit, int offset) {
        RecordService.validateId(recordId);
        RecordService.validatePage(limit, offset);
        if (!records.exists(recordId)) {
            throw RecordService.notFound(recordId);
        }
        return events.forRecord(recordId, limit, offset).map(HistoryService::entry);
    }

    static HistoryEntry entry(EventLogEntry event) {
        JsonObject payload = event.payload();
        return new HistoryEntry(
                event.id(),
                event.version() == null ? 0 : event.version(),
                event.occurredAt(),
                payload.getString("effective_at").map(Instants::parseStored).orElse(event.occurredAt()),
                payload.getString("valid_to").map(Instants::parseStored).orElse(null),
                event.actor() == null ? 0 : event.actor(),
                payload.getString("operation").map(Operation::valueOf).orElse(Operation.UPDATE),
                value(payload, "old_value"),
                value(payload, "new_value"),
                payload.getString("reason").orElse(null));
    }

    private static JsonValue value(JsonObject payload, String key) {
        JsonValue value = payload.getOrNull(key);
        return value == null ? JsonNull.INSTANCE : value;
    }

    /**
     * A point of a record's timeline: a version ({@code v:3}) or an instant (valid time, as known
     * now). Parsing lives here so every client spells points the same way.
     */
    public record TimelinePoint(Long version, Instant at) {

        public static TimelinePoint parse(String text, String name) {
            if (text == null || text.isBlank()) {
                throw new InvalidRequestException(name + " is required: an instant or v:N");
            }
            String value = text.strip();
            if (value.startsWith("v:") || value.startsWith("V:")) {
                long version = Ids.parsePositiveLong(value.substring(2));
                if (version < 1) {
                    throw new InvalidRequestException("invalid " + name + "; versions are v:1, v:2, ...");
                }
                return new TimelinePoint(version, null);
            }
            try {
                return new TimelinePoint(null, Instants.parse(value));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("invalid " + name + ": " + e.getMessage());
            }
        }
    }

    /** The two sides of a diff and what changed between them. */
    public record Comparison(RecordVersion from, RecordVersion to, StateDiff diff) {
    }

    /**
     * The difference from one point of the record's timeline to another. A point before the
     * record existed counts as the empty state, so everything shows as added.
     */
    public Comparison diff(long recordId, TimelinePoint from, TimelinePoint to) {
        RecordService.validateId(recordId);
        if (!records.exists(recordId)) {
            throw RecordService.notFound(recordId);
        }
        RecordVersion left = resolve(recordId, from);
        RecordVersion right = resolve(recordId, to);
        JsonObject before = left == null ? JsonObject.empty() : left.data();
        JsonObject after = right == null ? JsonObject.empty() : right.data();
        return new Comparison(left, right, StateDiff.between(before, after));
    }

    private RecordVersion resolve(long recordId, TimelinePoint point) {
        if (point.version() != null) {
            return records.version(recordId, point.version());
        }
        try {
            return records.read(recordId, point.at(), null);
        } catch (NotFoundException e) {
            return null; // the record did not exist yet at that instant
        }
    }
}
