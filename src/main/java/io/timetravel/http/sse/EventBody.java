package io.timetravel.http.sse;

import io.timetravel.domain.EventLogEntry;
import io.timetravel.domain.Instants;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonWriter;
import io.timetravel.http.RawJson;

/**
 * The data of a live event: {@code {"event_id":12,"event_type":"record.written","record_id":7,
 * "version":3,"occurred_at":T,"actor":42,"payload":{...}}}; absent record, version or actor are null.
 */
record EventBody(EventLogEntry entry) implements RawJson {

    @Override
    public void writeJson(StringBuilder out) {
        out.append("{\"event_id\":").append(entry.id()).append(",\"event_type\":");
        JsonWriter.write(JsonString.of(entry.eventType()), out);
        out.append(",\"record_id\":").append(entry.recordId())
                .append(",\"version\":").append(entry.version())
                .append(",\"occurred_at\":\"").append(Instants.format(entry.occurredAt()))
                .append("\",\"actor\":").append(entry.actor())
                .append(",\"payload\":").append(entry.payload().toJson())
                .append('}');
    }
}
