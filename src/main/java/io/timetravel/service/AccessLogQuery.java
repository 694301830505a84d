package io.timetravel.service;

import java.time.Instant;

/**
 * A filter over the access log; {@code null} parts match everything.
 *
 * @param recordId entries that disclosed this record
 * @param actor    entries of this user
 * @param from     entries at or after this instant
 * @param to       entries at or before this instant
 */
public record AccessLogQuery(Long recordId, Long actor, Instant from, Instant to, int limit, int offset) {
}
