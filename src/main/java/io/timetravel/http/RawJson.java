package io.timetravel.http;

/**
 * A response body that writes its own JSON. For the hottest bodies only: writing a record by
 * hand costs a fraction of a generic serializer, and a GET is mostly this.
 */
public interface RawJson {

    /** Appends this body's JSON text. */
    void writeJson(StringBuilder out);
}
