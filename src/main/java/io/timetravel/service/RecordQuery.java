package io.timetravel.service;

/**
 * A search over the record list.
 *
 * @param text   matches the record id exactly or any part of the name, ignoring case; {@code null} = all
 * @param region only records of this region; {@code null} = all
 */
public record RecordQuery(String text, String region, int limit, int offset) {

    public RecordQuery {
        text = text == null || text.isBlank() ? null : text.strip();
        region = region == null || region.isBlank() ? null : region.strip();
    }

    public static RecordQuery all(int limit, int offset) {
        return new RecordQuery(null, null, limit, offset);
    }
}
