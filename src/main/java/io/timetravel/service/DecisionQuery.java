package io.timetravel.service;

import java.time.Instant;

/**
 * Which decisions to list, newest first: each filter is optional ({@code null}).
 *
 * @param from     decided at or after
 * @param to       decided before
 * @param beforeId only decisions older than this one (paging backwards); {@code null}: from the newest
 */
public record DecisionQuery(Long recordId, String engine, Instant from, Instant to, Long beforeId, int limit) {

    public static final int MAX_LIMIT = 1_000;

    public DecisionQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("invalid limit; use 1 to " + MAX_LIMIT);
        }
        if (recordId != null && recordId < 1) {
            throw new InvalidRequestException("invalid record; record ids are positive integers");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRequestException("from must be before to");
        }
    }

    public static DecisionQuery forRecord(long recordId, int limit) {
        return new DecisionQuery(recordId, null, null, null, null, limit);
    }
}
