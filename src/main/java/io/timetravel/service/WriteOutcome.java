package io.timetravel.service;

import io.timetravel.domain.RecordVersion;

/**
 * What a write did.
 *
 * @param record  the version written, or the current one when nothing changed
 * @param created whether the write created the record
 * @param changed whether a version was written
 */
public record WriteOutcome(RecordVersion record, boolean created, boolean changed) {
}
