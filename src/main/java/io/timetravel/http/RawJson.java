package io.timetravel.http;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * A response body that writes its own JSON through Jackson's streaming generator, field by field.
 * For the hottest bodies only: writing a record this way costs a fraction of the generic
 * serializer's reflection, and a GET is mostly this. {@link HttpJson} writes them.
 */
public interface RawJson {

    /** Writes this body as one JSON value. */
    void writeJson(JsonGenerator generator) throws IOException;
}
