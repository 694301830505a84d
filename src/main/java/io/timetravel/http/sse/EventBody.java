package io.timetravel.http.sse;

import com.fasterxml.jackson.core.JsonGenerator;
import io.timetravel.domain.EventLogEntry;
import io.timetravel.domain.Instants;
import io.timetravel.http.RawJson;
import java.io.IOException;

/**
 * The data of a live event: {@code {"event_id":12,"event_type":"record.written","record_id":7,
 * "version":3,"occurred_at":T,"actor":42,"payload":{...}}}; absent record, version or actor are null.
 */
record EventBody(EventLogEntry entry) implements RawJson {

    @Override
    public void writeJson(JsonGenerator generator) throws IOException {
        generator.writeStartObject();
        generator.writeNumberField("event_id", entry.id());
        generator.writeStringField("event_type", entry.eventType());
        writeNullable(generator, "record_id", entry.recordId());
        writeNullable(generator, "version", entry.version());
        generator.writeStringField("occurred_at", Instants.format(entry.occurredAt()));
        writeNullable(generator, "actor", entry.actor());
        generator.writeFieldName("payload");
        generator.writeRawValue(entry.payload().toJson());
        generator.writeEndObject();
    }

    private static void writeNullable(JsonGenerator generator, String name, Long value) throws IOException {
        if (value == null) {
            generator.writeNullField(name);
        } else {
            generator.writeNumberField(name, value);
        }
    }
}
