package io.timetravel.http.v1;

import com.fasterxml.jackson.core.JsonGenerator;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.http.RawJson;
import java.io.IOException;

/** The v1 record, {@code {"id":1,"data":{"hello":"world"}}}, data keys sorted (the domain's canonical JSON). */
public record V1RecordBody(long id, JsonObject data) implements RawJson {

    @Override
    public void writeJson(JsonGenerator generator) throws IOException {
        generator.writeStartObject();
        generator.writeNumberField("id", id);
        generator.writeFieldName("data");
        generator.writeRawValue(data.toJson());
        generator.writeEndObject();
    }
}
