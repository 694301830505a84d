package io.timetravel.domain.access;

import java.time.Instant;
import java.util.List;

/**
 * One disclosure of unmasked personal data: who saw which fields of which records, when, and
 * through which endpoint.
 */
public record AccessEntry(long id, Instant accessedAt, Actor actor, String endpoint, List<Long> recordIds,
                          List<String> fields) {

    public AccessEntry {
        recordIds = List.copyOf(recordIds);
        fields = List.copyOf(fields);
    }
}
