package io.timetravel.http.v1;

import io.timetravel.domain.json.JsonObject;
import io.timetravel.http.RawJson;

/** The v1 record, {@code {"id":1,"data":{"hello":"world"}}}, data keys sorted (the domain's canonical JSON). */
public record V1RecordBody(long id, JsonObject data) implements RawJson {

    @Override
    public void writeJson(StringBuilder out) {
        out.append("{\"id\":").append(id).append(",\"data\":").append(data.toJson()).append('}');
    }
}
