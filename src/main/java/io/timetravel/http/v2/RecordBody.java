package io.timetravel.http.v2;

import com.fasterxml.jackson.core.JsonGenerator;
import io.timetravel.domain.RecordJson;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.json.JsonWriter;
import io.timetravel.http.RawJson;
import java.io.IOException;

/**
 * The v2 representation of a record at one version:
 * {@code {"id":1,"version":3,"data":{...},"created_at":T,"updated_at":T,"effective_at":T,
 * "recorded_at":T,"actor":10,"operation":"UPDATE"}}, plus {@code "valid_to"} and
 * {@code "reason"} when there are.
 * Its members are {@link RecordJson}'s, written straight onto the answer's generator, so an API
 * answer and a snapshot line are the same text.
 */
public record RecordBody(RecordVersion version) implements RawJson {

    public static RecordBody of(RecordVersion version) {
        return new RecordBody(version);
    }

    @Override
    public void writeJson(JsonGenerator generator) throws IOException {
        JsonWriter.object(generator, RecordJson.members(version));
    }
}
