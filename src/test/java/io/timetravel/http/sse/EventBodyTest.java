package io.timetravel.http.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.EventLogEntry;
import io.timetravel.domain.Instants;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.http.HttpJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The data of a live event, byte for byte: written through Jackson, it reads as it always did. */
class EventBodyTest {

    @Test
    void aRecordEventNamesItsRecordVersionAndActorAndCopiesThePayloadAsItsCanonicalText() throws Exception {
        EventLogEntry entry = new EventLogEntry(12, "record.written", 7L, 3L, Instant.parse("2026-05-01T12:00:00.123456Z"),
                42L, JsonParser.parseObject("{\"z\":1,\"a\":{\"b\":\"é\\n\"}}"), 12);

        assertEquals("{\"event_id\":12,\"event_type\":\"record.written\",\"record_id\":7,\"version\":3,"
                + "\"occurred_at\":\"2026-05-01T12:00:00.123456Z\",\"actor\":42,\"payload\":{\"a\":{\"b\":\"é\\n\"},\"z\":1}}",
                HttpJson.text(new EventBody(entry)));
    }

    @Test
    void absentRecordVersionAndActorAreNullAndTheBytesAreTheText() throws Exception {
        EventLogEntry entry = new EventLogEntry(5, "flag.changed", null, null, Instant.parse("2026-05-01T12:00:00Z"),
                null, JsonParser.parseObject("{}"), 5);
        EventBody body = new EventBody(entry);

        String text = HttpJson.text(body);

        assertEquals("{\"event_id\":5,\"event_type\":\"flag.changed\",\"record_id\":null,\"version\":null,"
                + "\"occurred_at\":\"" + Instants.format(entry.occurredAt())
                + "\",\"actor\":null,\"payload\":{}}", text);
        assertEquals(text, new String(HttpJson.write(body), StandardCharsets.UTF_8));
    }

    @Test
    void controlsInAnEventTypeAreEscapedWithLowerCaseHexAsTheDomainsJsonDoes() throws Exception {
        EventLogEntry entry = new EventLogEntry(1, "odd\u001ftype\"", null, null, Instant.parse("2026-05-01T12:00:00Z"),
                null, JsonParser.parseObject("{}"), 1);

        assertTrue(HttpJson.text(new EventBody(entry)).contains("\"event_type\":\"odd\\u001ftype\\\"\","));
    }

    @Test
    void anEventNestedInAJacksonWrittenBodyReadsAsItReadsAlone() throws Exception {
        EventLogEntry entry = new EventLogEntry(1, "odd\u001ftype", null, null, Instant.parse("2026-05-01T12:00:00Z"),
                null, JsonParser.parseObject("{\"k\":\"\\u0001\"}"), 1);
        EventBody body = new EventBody(entry);

        assertEquals("{\"events\":[" + HttpJson.text(body) + "]}",
                new String(HttpJson.write(new Page(List.of(body))), StandardCharsets.UTF_8));
    }

    /** A body Jackson's mapper writes, with a self-writing body inside. */
    record Page(List<EventBody> events) {
    }
}
