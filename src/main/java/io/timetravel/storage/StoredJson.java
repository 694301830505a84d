package io.timetravel.storage;

import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;

/** JSON read back from a version row: checked on the way in, so invalid JSON means a hand edit. */
final class StoredJson {

    /** Only guards the stack against a hand edit; requests were held to the request limit. */
    private static final int MAX_DEPTH = 1_000;

    private StoredJson() {
    }

    static JsonObject object(String json, long recordId, long version) {
        try {
            return JsonParser.parseObject(json, MAX_DEPTH);
        } catch (JsonParseException e) {
            throw new CorruptStoreException("record " + recordId + " version " + version + " holds invalid JSON: " + e.getMessage());
        }
    }
}
