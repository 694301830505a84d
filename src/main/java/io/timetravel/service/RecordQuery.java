package io.timetravel.service;

import java.util.Set;

/**
 * A search over the record list.
 *
 * @param text   matches the record id exactly or any part of the name, ignoring case; {@code null} = all
 * @param region only records of this region; {@code null} = all
 * @param ids    only these records (e.g. those that just changed); {@code null} = all
 */
public record RecordQuery(String text, String region, int limit, int offset, Set<Long> ids) {

    public RecordQuery {
        text = text == null || text.isBlank() ? null : text.strip();
        region = region == null || region.isBlank() ? null : region.strip();
        ids = ids == null ? null : Set.copyOf(ids);
    }

    public RecordQuery(String text, String region, int limit, int offset) {
        this(text, region, limit, offset, null);
    }

    public static RecordQuery all(int limit, int offset) {
        return new RecordQuery(null, null, limit, offset);
    }

    /** The same search, narrowed to {@code onlyIds}. */
    public RecordQuery onlyIds(Set<Long> onlyIds) {
        return new RecordQuery(text, region, limit, offset, onlyIds);
    }
}
